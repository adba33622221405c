import { defineServiceOperation } from '../service.js';
import { parameterArn, parameters } from './parameter-store.js';

/**
 * DescribeParameters: the metadata of the Region's parameters (never their values), with the
 * KMS key of each SecureString.
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DescribeParameters.html
 */
// Fidelity: no filters or paging; every parameter of the Region is listed, sorted by name.
export const describeParameters = defineServiceOperation({
  service: 'ssm',
  name: 'DescribeParameters',
  summary: "List the Region's parameters: names, types, tiers, versions and SecureString keys (never values).",
  docUrl: 'https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DescribeParameters.html',
  input: {},
  validationErrorCode: 'ValidationException',
  handler(ctx) {
    const all = [...parameters(ctx.core, ctx.region.name).values()].sort((a, b) => a.name.localeCompare(b.name));
    return {
      Parameters: all.map((p) => ({
        Name: p.name,
        ARN: parameterArn(ctx, p.name),
        Type: p.type,
        ...(p.keyId ? { KeyId: p.keyId } : {}),
        LastModifiedDate: p.lastModifiedDate,
        LastModifiedUser: p.lastModifiedUser,
        ...(p.description !== undefined ? { Description: p.description } : {}),
        Version: p.version,
        Tier: p.tier,
        Policies: [],
        DataType: 'text',
      })),
    };
  },
});
