import { constants, createDecipheriv, generateKeyPairSync, privateDecrypt, randomBytes, type KeyObject } from 'node:crypto';
import { KmsError } from '../errors.js';
import type { RegionHsm } from './region-hsm.js';

/** The import wrapping algorithms the sandbox supports (RSAES_PKCS1_V1_5 is gone since Oct 2023). */
export type WrappingAlgorithm = 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256' | 'RSA_AES_KEY_WRAP_SHA_1' | 'RSA_AES_KEY_WRAP_SHA_256';

/** The RSA wrapping key sizes. */
export type WrappingKeySpec = 'RSA_2048' | 'RSA_3072' | 'RSA_4096';

/** How long import parameters stay valid: 24 hours of virtual time. */
export const IMPORT_PARAMETERS_VALID_MS = 24 * 3_600_000;

interface PendingImport {
  readonly keyId: string;
  /** Dropped once the token has expired; the token stays known so that it reports its expiry. */
  readonly privateKey: KeyObject | undefined;
  readonly algorithm: WrappingAlgorithm;
  readonly validToMs: number;
}

/** Import tokens by HSM, then by token (base64). Module-private, like key material. */
const pendingImports = new WeakMap<RegionHsm, Map<string, PendingImport>>();

/** What GetParametersForImport returns. */
export interface ImportParameters {
  readonly publicKey: Buffer;
  readonly importToken: Buffer;
  readonly parametersValidTo: Date;
}

/**
 * Makes a fresh RSA wrapping key pair and an import token for one key, valid for 24 hours.
 * The public key is DER SubjectPublicKeyInfo, as AWS returns it.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetParametersForImport.html
 */
export function createImportParameters(hsm: RegionHsm, keyId: string, spec: WrappingKeySpec, algorithm: WrappingAlgorithm, nowMs: number): ImportParameters {
  const modulusLength = Number(spec.slice(4));
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength });
  const importToken = randomBytes(96);
  const validToMs = nowMs + IMPORT_PARAMETERS_VALID_MS;
  let tokens = pendingImports.get(hsm);
  if (!tokens) pendingImports.set(hsm, (tokens = new Map()));
  // Forget the private keys of expired tokens, but not the tokens: AWS's tokens carry their own
  // expiry, so an old token is ExpiredImportTokenException however many were issued since.
  for (const [token, pending] of tokens) if (pending.validToMs < nowMs && pending.privateKey) tokens.set(token, { ...pending, privateKey: undefined });
  tokens.set(importToken.toString('base64'), { keyId, privateKey, algorithm, validToMs });
  return { publicKey: publicKey.export({ type: 'spki', format: 'der' }), importToken, parametersValidTo: new Date(validToMs) };
}

/**
 * Unwraps encrypted key material with the private key behind an import token: the token must be
 * one this HSM issued, for this key, and not expired. RSA-OAEP wraps the material directly; the
 * RSA_AES_KEY_WRAP algorithms wrap an AES key with RSA-OAEP, followed by the material wrapped
 * with that key by AES key wrap with padding (RFC 5649).
 */
export function unwrapImportedMaterial(hsm: RegionHsm, keyId: string, importToken: Uint8Array, encrypted: Uint8Array, nowMs: number): Buffer {
  const token = Buffer.from(importToken).toString('base64');
  const pending = pendingImports.get(hsm)?.get(token);
  if (!pending || pending.keyId !== keyId)
    throw new KmsError('InvalidImportTokenException', 'The import token is not valid for this key. Use the import token from the GetParametersForImport response for this key.');
  const privateKey = pending.privateKey;
  if (pending.validToMs < nowMs || !privateKey)
    throw new KmsError('ExpiredImportTokenException', 'The import token has expired. Call GetParametersForImport again for a new public key and import token.');
  const oaepHash = pending.algorithm.endsWith('SHA_1') ? 'sha1' : 'sha256';
  const decryptRsa = (data: Uint8Array) => privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, data);
  try {
    if (pending.algorithm.startsWith('RSAES_OAEP')) return decryptRsa(encrypted);
    const rsaBytes = (privateKey.asymmetricKeyDetails?.modulusLength ?? 2048) / 8;
    const aesKey = decryptRsa(encrypted.subarray(0, rsaBytes));
    if (aesKey.length !== 32 && aesKey.length !== 24 && aesKey.length !== 16) throw new Error('bad AES key length');
    const decipher = createDecipheriv(`id-aes${aesKey.length * 8}-wrap-pad`, aesKey, Buffer.from('A65959A6', 'hex'));
    return Buffer.concat([decipher.update(encrypted.subarray(rsaBytes)), decipher.final()]);
  } catch {
    throw new KmsError('InvalidCiphertextException', 'The encrypted key material could not be unwrapped with the wrapping key and algorithm of this import token.');
  }
}
