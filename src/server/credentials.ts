import type { Principal } from '../sim/index.js';

/** An access key the endpoint accepts, and the principal it signs in as. */
export interface Credential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly principal: Principal;
}

/** The default credentials: access key `test`, secret `test`, the account's administrator. */
export const DEFAULT_ACCESS_KEY_ID = 'test';
export const DEFAULT_SECRET_ACCESS_KEY = 'test';

/** The access keys an endpoint accepts. */
export class CredentialStore {
  readonly #byAccessKey = new Map<string, Credential>();

  constructor(credentials: readonly Credential[]) {
    for (const c of credentials) this.#byAccessKey.set(c.accessKeyId, c);
  }

  /** The credential of an access key id, or undefined for an unknown key. */
  get(accessKeyId: string): Credential | undefined {
    return this.#byAccessKey.get(accessKeyId);
  }
}
