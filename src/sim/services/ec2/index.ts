import type { ServiceOperationDef } from '../service.js';

/** The EC2 operations of the simulated EBS (volumes, snapshots, default encryption). */
export const EC2_OPERATIONS: readonly ServiceOperationDef[] = [];
