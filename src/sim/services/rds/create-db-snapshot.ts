import { required, string } from '../../api/schema.js';
import { defineServiceOperation, ServiceError } from '../service.js';
import { identifier, instanceNotFound, rdsRegion, snapshotView, type DbSnapshot } from './db-store.js';

/**
 * CreateDBSnapshot: a manual snapshot of a DB instance. It is under the instance's KMS key and
 * shares its data key (the encrypted data key and the ciphertext are copied; no KMS call).
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSnapshot.html
 */
export const createDbSnapshot = defineServiceOperation({
  service: 'rds',
  name: 'CreateDBSnapshot',
  summary: "Snapshot a DB instance: the snapshot stays under the instance's KMS key and data key.",
  docUrl: 'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSnapshot.html',
  input: {
    DBSnapshotIdentifier: required(string('The snapshot name: a letter, then letters, digits and hyphens (stored in lowercase).', { min: 1, max: 255 })),
    DBInstanceIdentifier: required(string('The DB instance to snapshot.', { min: 1 })),
  },
  handler(ctx, input) {
    const id = identifier('DBSnapshotIdentifier', input.DBSnapshotIdentifier);
    const state = rdsRegion(ctx.core, ctx.region.name);
    const db = state.instances.get(input.DBInstanceIdentifier.toLowerCase());
    if (!db) throw instanceNotFound(input.DBInstanceIdentifier);
    if (state.snapshots.has(id))
      throw new ServiceError('DBSnapshotAlreadyExists', `Cannot create the snapshot because a snapshot with the identifier ${id} already exists.`);
    const snapshot: DbSnapshot = {
      id,
      instanceId: db.id,
      engine: db.engine,
      allocatedStorage: db.allocatedStorage,
      instanceCreateTime: db.createTime,
      createTime: ctx.now,
      originalCreateTime: ctx.now,
      sourceArn: undefined,
      sourceRegion: undefined,
      storage: { ...db.storage, data: Uint8Array.from(db.storage.data) },
    };
    state.snapshots.set(id, snapshot);
    return { DBSnapshot: snapshotView(ctx, ctx.region.name, snapshot) };
  },
});
