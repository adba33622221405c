import { KmsError } from '../errors.js';
import { aliasArn } from '../keys/kms-key.js';
import { required, string } from './schema.js';
import { keyIdField } from './common-fields.js';
import { ALIAS_NAME_PATTERN, checkCustomerAliasName, checkTargetIsKey, MAX_ALIASES_PER_KEY } from './alias-rules.js';
import { defineOperation } from './operation.js';

/**
 * CreateAlias: a friendly name for a key, unique in the account and Region.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html
 */
export const createAlias = defineOperation({
  name: 'CreateAlias',
  summary: 'Create an alias (alias/name) for a key',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html',
  readOnly: false,
  cryptographic: false,
  quota: { rps: 5 },
  input: {
    AliasName: required(string('The alias, alias/<name>.', { min: 1, max: 256, pattern: ALIAS_NAME_PATTERN })),
    TargetKeyId: required(keyIdField('The key id or key ARN the alias points at (not another alias).')),
  },
  handler(ctx, input) {
    checkCustomerAliasName(input.AliasName);
    checkTargetIsKey(input.TargetKeyId);
    const key = ctx.resolveKey(input.TargetKeyId, 'manageMetadata', 'keyOnly');
    if (ctx.region.aliases.has(input.AliasName))
      throw new KmsError('AlreadyExistsException', `An alias with the name ${aliasArn(ctx.region.name, ctx.core.accountId, input.AliasName)} already exists`);
    if (ctx.region.aliasesOf(key.keyId).length >= MAX_ALIASES_PER_KEY)
      throw new KmsError('LimitExceededException', `The key ${key.arn} already has ${MAX_ALIASES_PER_KEY} aliases, the most a key can have.`);
    ctx.region.aliases.set(input.AliasName, {
      aliasName: input.AliasName,
      targetKeyId: key.keyId,
      creationDate: ctx.now,
      lastUpdatedDate: ctx.now,
    });
    return {};
  },
});
