import { KmsError } from '../errors.js';
import { aliasArn } from '../keys/kms-key.js';
import { required, string } from './schema.js';
import { ALIAS_NAME_PATTERN, checkCustomerAliasName } from './alias-rules.js';
import { defineOperation } from './operation.js';

/**
 * DeleteAlias: removes an alias; the key is unaffected.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DeleteAlias.html
 */
export const deleteAlias = defineOperation({
  name: 'DeleteAlias',
  summary: 'Delete an alias (the key stays)',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_DeleteAlias.html',
  readOnly: false,
  cryptographic: false,
  quota: { rps: 15 },
  input: { AliasName: required(string('The alias to delete.', { min: 1, max: 256, pattern: ALIAS_NAME_PATTERN })) },
  handler(ctx, input) {
    checkCustomerAliasName(input.AliasName);
    const alias = ctx.region.aliases.get(input.AliasName);
    if (!alias) throw new KmsError('NotFoundException', `Alias ${aliasArn(ctx.region.name, ctx.core.accountId, input.AliasName)} is not found.`);
    const key = ctx.region.keys.get(alias.targetKeyId);
    if (key) ctx.touch(key);
    ctx.region.aliases.delete(input.AliasName);
    return {};
  },
});
