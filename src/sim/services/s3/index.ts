import type { ServiceOperationDef } from '../service.js';

/** The S3 operations of the simulated S3 (buckets, SSE-KMS objects, Bucket Keys, replication). */
export const S3_OPERATIONS: readonly ServiceOperationDef[] = [];
