import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/sim/index.js';
import { expectError, expectOk, REGION } from '../../helpers/sim.js';

describe('GenerateRandom', () => {
  it.each([1, 32, 1024])('returns %i random bytes', (n) => {
    const sandbox = createSandbox();

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'GenerateRandom', { NumberOfBytes: n }));

    expect(output.Plaintext).toHaveLength(n);
  });

  it('returns different bytes on every call', () => {
    const sandbox = createSandbox();

    const first = expectOk(sandbox.call(REGION, sandbox.admin, 'GenerateRandom', { NumberOfBytes: 32 }));
    const second = expectOk(sandbox.call(REGION, sandbox.admin, 'GenerateRandom', { NumberOfBytes: 32 }));

    expect(Buffer.from(first.Plaintext).equals(Buffer.from(second.Plaintext))).toBe(false);
  });

  it('needs no key, in any Region', () => {
    const sandbox = createSandbox();

    const output = expectOk(sandbox.call('ap-southeast-2', sandbox.admin, 'GenerateRandom', { NumberOfBytes: 16 }));

    expect(output.Plaintext).toHaveLength(16);
    expect(sandbox.keys()).toHaveLength(0);
  });

  it.each([
    [0, 'greater than or equal to 1'],
    [1025, 'less than or equal to 1024'],
  ])('refuses NumberOfBytes %i with a ValidationException', (n, bound) => {
    const sandbox = createSandbox();

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'GenerateRandom', { NumberOfBytes: n }));

    expect(error).toEqual({
      code: 'ValidationException',
      message: `1 validation error detected: Value '${n}' at 'numberOfBytes' failed to satisfy constraint: Member must have value ${bound}`,
      fault: false,
    });
  });

  it('refuses a non-integer NumberOfBytes with a ValidationException', () => {
    const sandbox = createSandbox();

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'GenerateRandom', { NumberOfBytes: 1.5 }));

    expect(error.code).toBe('ValidationException');
    expect(error.message).toContain("at 'numberOfBytes'");
  });

  it('refuses a CustomKeyStoreId with UnsupportedOperationException', () => {
    const sandbox = createSandbox();

    const error = expectError(
      sandbox.call(REGION, sandbox.admin, 'GenerateRandom', { NumberOfBytes: 16, CustomKeyStoreId: 'cks-1234567890abcdef0' }),
    );

    expect(error.code).toBe('UnsupportedOperationException');
    expect(error.message).toBe('The sandbox does not simulate custom key stores.');
  });

  it('refuses a Recipient with UnsupportedOperationException', () => {
    const sandbox = createSandbox();

    const error = expectError(
      sandbox.call(REGION, sandbox.admin, 'GenerateRandom', {
        NumberOfBytes: 16,
        Recipient: { KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256', AttestationDocument: 'ZG9j' },
      }),
    );

    expect(error.code).toBe('UnsupportedOperationException');
  });
});
