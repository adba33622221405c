import { KmsError } from '../errors.js';
import { string } from './schema.js';

/** The only key policy name KMS supports. */
export const DEFAULT_POLICY_NAME = 'default';

/** The PolicyName member: `default`, the only name KMS supports. */
export const policyNameField = () => string('The policy name; always "default".', { min: 1, max: 128, pattern: /^[\w]+$/ });

/** Refuses policy names other than `default`. */
export function checkPolicyName(name: string | undefined): void {
  if (name !== undefined && name !== DEFAULT_POLICY_NAME)
    throw new KmsError('NotFoundException', `No such policy exists: ${name}. The only key policy name is "default".`);
}
