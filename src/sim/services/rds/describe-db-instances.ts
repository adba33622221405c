import { string } from '../../api/schema.js';
import { defineServiceOperation } from '../service.js';
import { instanceNotFound, instanceView, rdsRegion } from './db-store.js';

/**
 * DescribeDBInstances: one DB instance, or all of the Region's, with their encryption
 * (StorageEncrypted, KmsKeyId as the key ARN) and DbiResourceId.
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBInstances.html
 */
export const describeDbInstances = defineServiceOperation({
  service: 'rds',
  name: 'DescribeDBInstances',
  summary: "Describe a DB instance (or all of the Region's): its storage encryption and KMS key.",
  docUrl: 'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBInstances.html',
  input: {
    DBInstanceIdentifier: string('The DB instance; every instance of the Region when omitted.', { min: 1 }),
  },
  handler(ctx, input) {
    const { instances } = rdsRegion(ctx.core, ctx.region.name);
    if (input.DBInstanceIdentifier !== undefined) {
      const db = instances.get(input.DBInstanceIdentifier.toLowerCase());
      if (!db) throw instanceNotFound(input.DBInstanceIdentifier);
      return { DBInstances: [instanceView(ctx, ctx.region.name, db)] };
    }
    return { DBInstances: [...instances.values()].map((db) => instanceView(ctx, ctx.region.name, db)) };
  },
});
