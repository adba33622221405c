import type { ServiceOperationDef } from '../service.js';

/** The SSM operations of the simulated Parameter Store (SecureString parameters). */
export const SSM_OPERATIONS: readonly ServiceOperationDef[] = [];
