import { KmsError } from '../errors.js';
import { aliasArn } from '../keys/kms-key.js';
import { required, string } from './schema.js';
import { keyIdField } from './common-fields.js';
import { ALIAS_NAME_PATTERN, checkCustomerAliasName, checkTargetIsKey } from './alias-rules.js';
import { defineOperation } from './operation.js';

/**
 * UpdateAlias: points an existing alias at another key of the same type and usage.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateAlias.html
 */
export const updateAlias = defineOperation({
  name: 'UpdateAlias',
  summary: 'Point an alias at a different key',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateAlias.html',
  readOnly: false,
  cryptographic: false,
  quota: { rps: 5 },
  input: {
    AliasName: required(string('The alias to move.', { min: 1, max: 256, pattern: ALIAS_NAME_PATTERN })),
    TargetKeyId: required(keyIdField('The key id or key ARN the alias will point at.')),
  },
  handler(ctx, input) {
    checkCustomerAliasName(input.AliasName);
    const alias = ctx.region.aliases.get(input.AliasName);
    if (!alias) throw new KmsError('NotFoundException', `Alias ${aliasArn(ctx.region.name, ctx.core.accountId, input.AliasName)} is not found.`);
    checkTargetIsKey(input.TargetKeyId);
    const target = ctx.resolveKey(input.TargetKeyId, 'updateAliasTarget', 'keyOnly');
    const current = ctx.region.keys.get(alias.targetKeyId);
    if (current) {
      ctx.touch(current);
      if (current.keySpec !== target.keySpec || current.keyUsage !== target.keyUsage)
        throw new KmsError('ValidationException', `${target.arn} must have the same key spec and key usage as the key the alias points at.`);
    }
    alias.targetKeyId = target.keyId;
    alias.lastUpdatedDate = ctx.now;
    return {};
  },
});
