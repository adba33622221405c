import { string } from '../../api/schema.js';
import { defineServiceOperation } from '../service.js';
import { rdsRegion, snapshotNotFound, snapshotView } from './db-store.js';

/**
 * DescribeDBSnapshots: one snapshot, a DB instance's snapshots, or all of the Region's, with
 * their encryption (Encrypted, KmsKeyId) and, for copies, the source.
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBSnapshots.html
 */
export const describeDbSnapshots = defineServiceOperation({
  service: 'rds',
  name: 'DescribeDBSnapshots',
  summary: "Describe DB snapshots (one, an instance's, or the Region's): encryption, KMS key, source.",
  docUrl: 'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBSnapshots.html',
  input: {
    DBSnapshotIdentifier: string('The snapshot to describe.', { min: 1 }),
    DBInstanceIdentifier: string("Only this DB instance's snapshots.", { min: 1 }),
  },
  handler(ctx, input) {
    const { snapshots } = rdsRegion(ctx.core, ctx.region.name);
    let list = [...snapshots.values()];
    if (input.DBSnapshotIdentifier !== undefined) {
      const snapshot = snapshots.get(input.DBSnapshotIdentifier.toLowerCase());
      if (!snapshot) throw snapshotNotFound(input.DBSnapshotIdentifier);
      list = [snapshot];
    }
    if (input.DBInstanceIdentifier !== undefined) list = list.filter((s) => s.instanceId === input.DBInstanceIdentifier?.toLowerCase());
    return { DBSnapshots: list.map((s) => snapshotView(ctx, ctx.region.name, s)) };
  },
});
