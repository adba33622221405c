import type { ServiceOperationDef } from '../service.js';
import { createBucket, deleteBucketEncryption, getBucketEncryption, getBucketLocation, getBucketVersioning, listBuckets, putBucketEncryption, putBucketVersioning } from './buckets.js';
import { deleteObject, getObject, headObject, listObjectsV2, putObject } from './objects.js';
import { deleteBucketReplication, getBucketReplication, putBucketReplication } from './replication.js';

/** The S3 operations of the simulated S3 (buckets, SSE-KMS objects, Bucket Keys, replication). */
export const S3_OPERATIONS: readonly ServiceOperationDef[] = [
  createBucket,
  listBuckets,
  getBucketLocation,
  putBucketEncryption,
  getBucketEncryption,
  deleteBucketEncryption,
  putBucketVersioning,
  getBucketVersioning,
  putBucketReplication,
  getBucketReplication,
  deleteBucketReplication,
  putObject,
  getObject,
  headObject,
  listObjectsV2,
  deleteObject,
] as readonly ServiceOperationDef[];
