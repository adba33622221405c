import type { ServiceOperationDef } from '../service.js';
import { deleteParameter } from './delete-parameter.js';
import { describeParameters } from './describe-parameters.js';
import { getParameter, getParameters } from './get-parameter.js';
import { putParameter } from './put-parameter.js';

/** The SSM operations of the simulated Parameter Store (SecureString parameters). */
export const SSM_OPERATIONS: readonly ServiceOperationDef[] = [putParameter, getParameter, getParameters, deleteParameter, describeParameters] as readonly ServiceOperationDef[];
