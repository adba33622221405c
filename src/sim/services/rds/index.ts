import type { ServiceOperationDef } from '../service.js';

/** The RDS operations of the simulated RDS (encrypted instances and snapshots, CopyDBSnapshot). */
export const RDS_OPERATIONS: readonly ServiceOperationDef[] = [];
