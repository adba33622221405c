import { required, string } from '../../api/schema.js';
import { defineServiceOperation, resourceId } from '../service.js';
import { findVolume, snapshotOutput } from './ebs-shapes.js';
import { ebsState } from './ebs-state.js';

/**
 * CreateSnapshot: a point-in-time copy of a volume. An encrypted volume's snapshot keeps its key,
 * its data key and its encryption context (`aws:ebs:id` = the volume id): EBS calls no KMS
 * operation for it. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSnapshot.html
 */
export const createSnapshot = defineServiceOperation({
  service: 'ec2',
  name: 'CreateSnapshot',
  summary: 'Snapshot an EBS volume (same KMS key and data key as the volume)',
  docUrl: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSnapshot.html',
  input: {
    VolumeId: required(string('The volume to snapshot.')),
    Description: string('A description of the snapshot.'),
  },
  handler(ctx, input) {
    const state = ebsState(ctx.core).in(ctx.region.name);
    const volume = findVolume(state, input.VolumeId);
    const snapshot = {
      snapshotId: resourceId('snap'),
      volumeId: volume.volumeId,
      volumeSize: volume.size,
      description: input.Description ?? '',
      startTime: ctx.now,
      encryption: volume.encryption,
      blocks: volume.blocks,
    };
    state.snapshots.set(snapshot.snapshotId, snapshot);
    // Fidelity: AWS answers State "pending" and completes the snapshot later (minutes to hours);
    // the sandbox's snapshot is complete at once (DescribeSnapshots shows "completed", "100%").
    return snapshotOutput(snapshot, ctx.core.accountId, 'pending');
  },
});
