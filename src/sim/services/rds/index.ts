import type { ServiceOperationDef } from '../service.js';
import { copyDbSnapshot } from './copy-db-snapshot.js';
import { createDbInstance } from './create-db-instance.js';
import { createDbSnapshot } from './create-db-snapshot.js';
import { describeDbInstances } from './describe-db-instances.js';
import { describeDbSnapshots } from './describe-db-snapshots.js';

/** The RDS operations of the simulated RDS (encrypted instances and snapshots, CopyDBSnapshot). */
export const RDS_OPERATIONS: readonly ServiceOperationDef[] = [
  createDbInstance,
  describeDbInstances,
  createDbSnapshot,
  describeDbSnapshots,
  copyDbSnapshot,
] as readonly ServiceOperationDef[];
