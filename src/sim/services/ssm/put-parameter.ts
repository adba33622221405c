import { boolean, enumOf, required, string } from '../../api/schema.js';
import { defineServiceOperation, ServiceError, type ServiceContext } from '../service.js';
import {
  ADVANCED_VALUE_LIMIT,
  checkNewName,
  DEFAULT_SSM_KEY,
  encryptionContext,
  kmsOutput,
  MAX_VERSIONS,
  parameterArn,
  parameters,
  sealEnvelope,
  STANDARD_VALUE_LIMIT,
  type ParameterTier,
  type ParameterType,
  type StoredParameter,
  type StoredValue,
} from './parameter-store.js';

const TIERS = ['Standard', 'Advanced', 'Intelligent-Tiering'] as const;

/**
 * PutParameter: creates a parameter or, with Overwrite, a new version of it. A standard
 * SecureString is encrypted by KMS Encrypt directly; an advanced one with a data key from
 * GenerateDataKey (envelope encryption); both with the context {"PARAMETER_ARN": <its ARN>}.
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html
 */
export const putParameter = defineServiceOperation({
  service: 'ssm',
  name: 'PutParameter',
  summary: 'Create or overwrite a parameter; a SecureString value is encrypted with KMS (aws/ssm or your key).',
  docUrl: 'https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html',
  input: {
    Name: required(string('The parameter name: a name or a path, e.g. /app/db-password.', { min: 1, max: 2048 })),
    Description: string('What the parameter is for.', { max: 1024 }),
    // No length bound in the schema: its message would echo the value (the limits are checked below).
    Value: required(string('The value (a secret, for a SecureString): up to 4 KB (standard) or 8 KB (advanced).', { min: 1 })),
    Type: enumOf('String, StringList or SecureString; required when creating a parameter.', ['String', 'StringList', 'SecureString'] as const),
    KeyId: string('For a SecureString, the KMS key (key id, key ARN, alias name or alias ARN); alias/aws/ssm when omitted.', { min: 1, max: 256 }),
    Overwrite: boolean('Replace the value of an existing parameter (a new version).'),
    Tier: enumOf('Standard (4 KB), Advanced (8 KB, envelope encryption) or Intelligent-Tiering.', TIERS),
  },
  sensitive: ['Value'],
  validationErrorCode: 'ValidationException',
  handler(ctx, input) {
    const store = parameters(ctx.core, ctx.region.name);
    const existing = store.get(input.Name);
    if (!existing) checkNewName(input.Name);
    if (existing && !input.Overwrite)
      throw new ServiceError('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
    const type: ParameterType | undefined = input.Type ?? existing?.type;
    if (!type) throw new ServiceError('ValidationException', 'A parameter type is required when you create a parameter.');
    // Fidelity: the wording of this refusal is the sandbox's (AWS's text was not found).
    if (input.KeyId !== undefined && type !== 'SecureString') throw new ServiceError('ValidationException', 'KeyId is only valid for SecureString parameters.');
    const tier = chooseTier(input.Tier, existing, input.Value);
    const arn = parameterArn(ctx, input.Name);
    const keyId = type === 'SecureString' ? (input.KeyId ?? DEFAULT_SSM_KEY) : undefined;
    const value = keyId ? encrypt(ctx, input.Value, keyId, tier, arn) : ({ kind: 'plain', value: input.Value } as const);
    const parameter: StoredParameter = {
      name: input.Name,
      type,
      tier,
      keyId,
      description: input.Description ?? existing?.description,
      version: (existing?.version ?? 0) + 1,
      lastModifiedDate: ctx.now,
      lastModifiedUser: ctx.caller.arn,
      value,
      previous: existing ? [...existing.previous, { ...existing, previous: [] }].slice(-(MAX_VERSIONS - 1)) : [],
    };
    store.set(input.Name, parameter);
    return { Version: parameter.version, Tier: tier };
  },
});

/**
 * The tier of the new version: the one asked for, else the parameter's current tier, else
 * Standard; Intelligent-Tiering picks Advanced only for a value over 4 KB. An advanced parameter
 * never goes back to Standard, and each tier has its size limit.
 */
function chooseTier(asked: (typeof TIERS)[number] | undefined, existing: StoredParameter | undefined, value: string): ParameterTier {
  const bytes = Buffer.byteLength(value, 'utf8');
  let tier: ParameterTier;
  if (asked === 'Intelligent-Tiering') tier = existing?.tier === 'Advanced' || bytes > STANDARD_VALUE_LIMIT ? 'Advanced' : 'Standard';
  else tier = asked ?? existing?.tier ?? 'Standard';
  // Fidelity: the wording of these two refusals is the sandbox's (AWS's text was not found).
  if (existing?.tier === 'Advanced' && tier === 'Standard')
    throw new ServiceError('ValidationException', 'This parameter uses the advanced-parameter tier. You can\'t downgrade a parameter from the advanced-parameter tier to the standard-parameter tier. If necessary, you can delete the advanced parameter and recreate it as a standard parameter.');
  if (tier === 'Standard' && bytes > STANDARD_VALUE_LIMIT)
    throw new ServiceError(
      'ValidationException',
      'Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html',
    );
  if (bytes > ADVANCED_VALUE_LIMIT)
    throw new ServiceError('ValidationException', 'Advanced tier parameters support a maximum parameter value of 8192 characters.');
  return tier;
}

/** Encrypts a SecureString's value under its KMS key, as its tier does. */
function encrypt(ctx: ServiceContext, value: string, keyId: string, tier: ParameterTier, arn: string): StoredValue {
  const context = encryptionContext(arn);
  const plaintext = Buffer.from(value, 'utf8');
  try {
    if (tier === 'Standard') {
      const { CiphertextBlob } = kmsOutput(ctx.kms('Encrypt', { KeyId: keyId, Plaintext: plaintext, EncryptionContext: context }));
      return { kind: 'kms', ciphertext: CiphertextBlob };
    }
    const { Plaintext: dataKey, CiphertextBlob } = kmsOutput(ctx.kms('GenerateDataKey', { KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context }));
    try {
      return { kind: 'envelope', message: sealEnvelope(value, dataKey, CiphertextBlob, arn) };
    } finally {
      dataKey.fill(0);
    }
  } finally {
    plaintext.fill(0);
  }
}
