import { boolean, list, required, string } from '../../api/schema.js';
import { defineServiceOperation, ServiceError, type ServiceContext } from '../service.js';
import { parameterOutput, selectVersion } from './parameter-store.js';

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
    Name: required(string('The parameter name or ARN; name:N reads version N.', { min: 1, max: 2048 })),
    WithDecryption: boolean('Return a SecureString value decrypted (KMS Decrypt); otherwise its ciphertext in base64.'),
  },
  sensitive: ['Value'],
  validationErrorCode: 'ValidationException',
  handler(ctx, input) {
    const { parameter, selector } = selectVersion(ctx, input.Name);
    return { Parameter: parameterOutput(ctx, parameter, input.WithDecryption ?? false, selector) };
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
      const selected = trySelect(ctx, text);
      if (selected) found.push(parameterOutput(ctx, selected.parameter, input.WithDecryption ?? false, selected.selector));
      else invalid.push(text);
    }
    return { Parameters: found, InvalidParameters: invalid };
  },
});

/** The selected version, or undefined when the name or version does not exist. */
function trySelect(ctx: ServiceContext, text: string): ReturnType<typeof selectVersion> | undefined {
  try {
    return selectVersion(ctx, text);
  } catch (caught) {
    if (caught instanceof ServiceError) return undefined;
    throw caught;
  }
}
