import { EC2_OPERATIONS } from './ec2/index.js';
import { RDS_OPERATIONS } from './rds/index.js';
import { S3_OPERATIONS } from './s3/index.js';
import type { ServiceName, ServiceOperationDef } from './service.js';
import { SSM_OPERATIONS } from './ssm/index.js';

/**
 * Every operation of the simulated services (EBS through EC2, S3, RDS, SSM), each defined once;
 * the facade, the console and its help read this list.
 */
export const SERVICE_OPERATIONS: readonly ServiceOperationDef[] = [...EC2_OPERATIONS, ...S3_OPERATIONS, ...RDS_OPERATIONS, ...SSM_OPERATIONS];

/** The operation of a service by its AWS name. */
export function findServiceOperation(service: ServiceName, name: string): ServiceOperationDef | undefined {
  return SERVICE_OPERATIONS.find((op) => op.service === service && op.name === name);
}
