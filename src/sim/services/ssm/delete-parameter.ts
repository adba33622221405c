import { required, string } from '../../api/schema.js';
import { defineServiceOperation } from '../service.js';
import { lookUp, parameterNotFound, parameters } from './parameter-store.js';

/**
 * DeleteParameter: removes a parameter and all its versions (no KMS call: the ciphertext goes
 * with it).
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DeleteParameter.html
 */
export const deleteParameter = defineServiceOperation({
  service: 'ssm',
  name: 'DeleteParameter',
  summary: 'Delete a parameter and all its versions.',
  docUrl: 'https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DeleteParameter.html',
  input: {
    Name: required(string('The parameter name or ARN.', { min: 1, max: 2048 })),
  },
  validationErrorCode: 'ValidationException',
  handler(ctx, input) {
    const { name, parameter } = lookUp(ctx, input.Name);
    if (!parameter) throw parameterNotFound();
    parameters(ctx.core, ctx.region.name).delete(name);
    return {};
  },
});
