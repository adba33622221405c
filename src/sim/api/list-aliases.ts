import { AWS_MANAGED_KEY_SERVICES, awsManagedAliasArn } from '../keys/aws-managed-keys.js';
import { aliasArn } from '../keys/kms-key.js';
import { keyIdField, limitField, markerField } from './common-fields.js';
import { defineOperation } from './operation.js';
import { paginate } from './paging.js';

/** AWS's `AliasListEntry`: predefined aliases have no target key or dates until their key exists. */
interface AliasListEntry {
  AliasName: string;
  AliasArn: string;
  TargetKeyId?: string;
  CreationDate?: Date;
  LastUpdatedDate?: Date;
}

/**
 * ListAliases: the aliases in the Region, or those of one key, in pages.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListAliases.html
 */
export const listAliases = defineOperation({
  name: 'ListAliases',
  summary: 'List aliases, optionally of one key',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_ListAliases.html',
  readOnly: true,
  cryptographic: false,
  quota: { rps: 500 },
  input: { KeyId: keyIdField('Only the aliases of this key (key id or key ARN).'), Limit: limitField(100), Marker: markerField() },
  handler(ctx, input) {
    const keyId = input.KeyId === undefined ? undefined : ctx.resolveKey(input.KeyId, 'anyState', 'keyOnly').keyId;
    const existing = [...ctx.region.aliases.values()]
      .filter((a) => keyId === undefined || a.targetKeyId === keyId)
      .map((a) => ({
        AliasName: a.aliasName,
        AliasArn: aliasArn(ctx.region.name, ctx.core.accountId, a.aliasName),
        TargetKeyId: a.targetKeyId,
        CreationDate: a.creationDate,
        LastUpdatedDate: a.lastUpdatedDate,
      }));
    // The predefined alias/aws/* aliases are listed before their AWS managed keys exist, without
    // a TargetKeyId, as AWS lists them.
    const predefined =
      keyId === undefined
        ? AWS_MANAGED_KEY_SERVICES.filter((s) => !ctx.region.aliases.has(`alias/aws/${s.alias}`)).map((s) => ({
            AliasName: `alias/aws/${s.alias}`,
            AliasArn: awsManagedAliasArn(ctx.region.name, ctx.core.accountId, s),
          }))
        : [];
    const all: AliasListEntry[] = [...existing, ...predefined];
    const { items, ...page } = paginate(all, input.Limit ?? 50, input.Marker);
    return { Aliases: items, ...page };
  },
});
