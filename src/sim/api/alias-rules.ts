import { KmsError } from '../errors.js';
import { isKeyIdFormat } from '../keys/resolve-key.js';

/** The most aliases one key can have (an AWS resource quota). */
export const MAX_ALIASES_PER_KEY = 50;

/** The alias name pattern of the API model. */
export const ALIAS_NAME_PATTERN = /^[a-zA-Z0-9:/_-]+$/;

/**
 * Checks an alias name for the operations that create, move or delete aliases: the
 * `alias/` prefix, a name after it, and the reserved `alias/aws/` prefix.
 * https://docs.aws.amazon.com/kms/latest/developerguide/alias-create.html
 */
export function checkCustomerAliasName(aliasName: string): void {
  if (!aliasName.startsWith('alias/') || aliasName.length === 'alias/'.length)
    throw new KmsError('InvalidAliasNameException', `Alias must start with the prefix "alias/" followed by a name: ${aliasName}`);
  if (aliasName.startsWith('alias/aws/'))
    // Fidelity: AWS returns NotAuthorizedException here without explaining; the sandbox says why.
    throw new KmsError('NotAuthorizedException', `The alias prefix alias/aws/ is reserved for AWS managed keys: ${aliasName}`);
}

/** An alias must point at a key (key id or key ARN), never at another alias. */
export function checkTargetIsKey(targetKeyId: string): void {
  const id = targetKeyId.startsWith('arn:') ? targetKeyId.slice(targetKeyId.lastIndexOf(':') + 1) : targetKeyId;
  if (id.startsWith('alias/')) throw new KmsError('ValidationException', 'Aliases must refer to keys. Not aliases');
  if (!id.startsWith('key/') && !isKeyIdFormat(id) && !targetKeyId.startsWith('arn:'))
    throw new KmsError('NotFoundException', `Invalid keyId '${targetKeyId}'`);
}
