import { randomBytes } from 'node:crypto';
import { KmsError } from '../errors.js';
import { integer, required, string } from './schema.js';
import { recipientField } from './common-fields.js';
import { defineOperation } from './operation.js';
import { refuseRecipient } from './encryption.js';

/**
 * GenerateRandom: random bytes from the HSM's generator.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateRandom.html
 */
export const generateRandom = defineOperation({
  name: 'GenerateRandom',
  summary: 'Return 1–1024 random bytes',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateRandom.html',
  readOnly: true,
  cryptographic: true,
  quota: { shared: 'symmetric-cryptographic' },
  input: {
    // Fidelity: optional in the API model, but a call without it has nothing to return.
    NumberOfBytes: required(integer('How many random bytes (1–1024).', { min: 1, max: 1024 })),
    CustomKeyStoreId: string('A CloudHSM key store to generate in (not simulated).', { min: 1, max: 64 }),
    Recipient: recipientField(),
  },
  handler(_ctx, input) {
    refuseRecipient(input.Recipient);
    // Fidelity: custom key stores (CloudHSM, XKS) are out of the sandbox's scope.
    if (input.CustomKeyStoreId !== undefined)
      throw new KmsError('UnsupportedOperationException', 'The sandbox does not simulate custom key stores.');
    return { Plaintext: randomBytes(input.NumberOfBytes) };
  },
});
