import { list, string } from '../../api/schema.js';
import { defineServiceOperation } from '../service.js';
import { findSnapshot, snapshotOutput } from './ebs-shapes.js';
import { ebsState } from './ebs-state.js';

/**
 * DescribeSnapshots: the Region's snapshots (or those named), with their encryption and KMS key ARN.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSnapshots.html
 */
export const describeSnapshots = defineServiceOperation({
  service: 'ec2',
  name: 'DescribeSnapshots',
  summary: 'Describe EBS snapshots: encryption, KMS key, source volume, state',
  docUrl: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSnapshots.html',
  input: {
    SnapshotIds: list('The snapshots to describe (all of the Region\'s when omitted).', string('A snapshot id.')),
  },
  handler(ctx, input) {
    const state = ebsState(ctx.core).in(ctx.region.name);
    const snapshots = input.SnapshotIds ? input.SnapshotIds.map((id) => findSnapshot(state, id)) : [...state.snapshots.values()];
    return { Snapshots: snapshots.map((s) => snapshotOutput(s, ctx.core.accountId, 'completed')) };
  },
});
