import { boolean, list, required, string } from '../../api/schema.js';
import { defineServiceOperation } from '../service.js';
import { lookUp, parameterNotFound, parameterOutput } from './parameter-store.js';

/**
 * GetParameter: a parameter's latest version. A SecureString's Value is its ciphertext in base64
 * unless WithDecryption, when Parameter Store has KMS decrypt it (Decrypt with PARAMETER_ARN).
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html
 */
export const getParameter = defineServiceOperation({
  service: 'ssm',
  name: 'GetParameter',
  summary: 'Read a parameter; --with-decryption has KMS decrypt a SecureString.',
  docUrl: 'https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html',
  input: {
    Name: required(string('The parameter name or ARN.', { min: 1, max: 2048 })),
    WithDecryption: boolean('Return a SecureString value decrypted (KMS Decrypt); otherwise its ciphertext in base64.'),
  },
  sensitive: ['Value'],
  validationErrorCode: 'ValidationException',
  handler(ctx, input) {
    const { parameter } = lookUp(ctx, input.Name);
    if (!parameter) throw parameterNotFound();
    return { Parameter: parameterOutput(ctx, parameter, input.WithDecryption ?? false) };
  },
});

/**
 * GetParameters: up to 10 parameters at once; names that do not exist are listed in
 * InvalidParameters instead of failing the call.
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameters.html
 */
export const getParameters = defineServiceOperation({
  service: 'ssm',
  name: 'GetParameters',
  summary: 'Read up to 10 parameters; unknown names come back in InvalidParameters.',
  docUrl: 'https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameters.html',
  input: {
    Names: required(list('The parameter names or ARNs (1–10).', string('A parameter name or ARN.', { min: 1, max: 2048 }), { min: 1, max: 10 })),
    WithDecryption: boolean('Return SecureString values decrypted (KMS Decrypt); otherwise their ciphertext in base64.'),
  },
  sensitive: ['Value'],
  validationErrorCode: 'ValidationException',
  handler(ctx, input) {
    const found: Record<string, unknown>[] = [];
    const invalid: string[] = [];
    for (const text of new Set(input.Names)) {
      const { parameter } = lookUp(ctx, text);
      if (parameter) found.push(parameterOutput(ctx, parameter, input.WithDecryption ?? false));
      else invalid.push(text);
    }
    return { Parameters: found, InvalidParameters: invalid };
  },
});
