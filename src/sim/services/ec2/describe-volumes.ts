import { list, string } from '../../api/schema.js';
import { defineServiceOperation } from '../service.js';
import { findVolume, volumeOutput } from './ebs-shapes.js';
import { ebsState } from './ebs-state.js';

/**
 * DescribeVolumes: the Region's volumes (or those named), with their encryption and KMS key ARN.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVolumes.html
 */
export const describeVolumes = defineServiceOperation({
  service: 'ec2',
  name: 'DescribeVolumes',
  summary: 'Describe EBS volumes: encryption, KMS key, size, state',
  docUrl: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVolumes.html',
  input: {
    VolumeIds: list('The volumes to describe (all of the Region\'s when omitted).', string('A volume id.')),
  },
  handler(ctx, input) {
    const state = ebsState(ctx.core).in(ctx.region.name);
    const volumes = input.VolumeIds ? input.VolumeIds.map((id) => findVolume(state, id)) : [...state.volumes.values()];
    return { Volumes: volumes.map((v) => volumeOutput(v, 'available')) };
  },
});
