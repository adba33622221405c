import { describe, expect, it } from 'vitest';
import { expectKmsError, expectOk, REGION, testSandbox } from '../../helpers/sim.js';

const OTHER = 'eu-west-1';

describe('HSM and Region failures', () => {
  it('keeps serving requests while one HSM of the Region is down', () => {
    const sandbox = testSandbox();
    const keyId = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', {})).KeyMetadata.KeyId;

    sandbox.hsm.fail(REGION, 2);

    expect(sandbox.hsm.status(REGION)).toEqual([{ region: REGION, up: [1, 3], down: [2], regionDown: false }]);
    const ct = expectOk(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: keyId, Plaintext: Buffer.from('still served') }));
    expect(Buffer.from(expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: ct.CiphertextBlob })).Plaintext).toString()).toBe('still served');
  });

  it('fails every request of a Region whose HSMs are all down, with the fault AWS models for each operation', () => {
    const sandbox = testSandbox();
    const keyId = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', {})).KeyMetadata.KeyId;
    const ct = expectOk(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: keyId, Plaintext: Buffer.from('x') }));

    sandbox.hsm.fail(REGION, 'all');

    const encrypt = expectKmsError(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: keyId, Plaintext: Buffer.from('x') }), 'KeyUnavailableException');
    expect(encrypt.message).toBe('The request was rejected because the specified KMS key was not available. You can retry the request.');
    expect(encrypt.fault).toBe(true);
    expectKmsError(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: ct.CiphertextBlob }), 'KeyUnavailableException');
    expectKmsError(sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: keyId }), 'DependencyTimeoutException', 'The system timed out while trying to fulfill the request.');
    expectKmsError(sandbox.call(REGION, sandbox.admin, 'CreateKey', {}), 'DependencyTimeoutException');
    expectKmsError(sandbox.call(REGION, sandbox.admin, 'TagResource', { KeyId: keyId, Tags: [{ TagKey: 'a', TagValue: 'b' }] }), 'KMSInternalException');
    // Other Regions are unaffected.
    expectOk(sandbox.call(OTHER, sandbox.admin, 'CreateKey', {}));
    // The failed calls are in the audit trail with their error codes.
    const codes = sandbox.audit.items.filter((r) => r.awsRegion === REGION).map((r) => r.errorCode);
    expect(codes).toContain('KeyUnavailableException');
    expect(codes).toContain('DependencyTimeoutException');
  });

  it('serves again once the HSMs recover, with the key material intact', () => {
    const sandbox = testSandbox();
    const keyId = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', {})).KeyMetadata.KeyId;
    const ct = expectOk(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: keyId, Plaintext: Buffer.from('kept') }));
    sandbox.hsm.fail(REGION, 'all');

    sandbox.hsm.recover(REGION, 'all');

    expect(sandbox.hsm.status(REGION)[0]?.regionDown).toBe(false);
    expect(Buffer.from(expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: ct.CiphertextBlob })).Plaintext).toString()).toBe('kept');
  });

  it('shows why multi-Region keys exist: the replica in another Region decrypts while the primary Region is down', () => {
    const sandbox = testSandbox();
    const keyId = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', { MultiRegion: true })).KeyMetadata.KeyId;
    expectOk(sandbox.call(REGION, sandbox.admin, 'ReplicateKey', { KeyId: keyId, ReplicaRegion: OTHER }));
    sandbox.advanceClock(60_000);
    const ct = expectOk(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: keyId, Plaintext: Buffer.from('global data') }));
    const single = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', {})).KeyMetadata.KeyId;
    const singleCt = expectOk(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: single, Plaintext: Buffer.from('local data') }));

    sandbox.hsm.fail(REGION, 'all');

    expectKmsError(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: ct.CiphertextBlob }), 'KeyUnavailableException');
    expect(Buffer.from(expectOk(sandbox.call(OTHER, sandbox.admin, 'Decrypt', { CiphertextBlob: ct.CiphertextBlob })).Plaintext).toString()).toBe('global data');
    // A single-Region key's ciphertext has no key anywhere else.
    expectKmsError(sandbox.call(OTHER, sandbox.admin, 'Decrypt', { CiphertextBlob: singleCt.CiphertextBlob }), 'AccessDeniedException');
  });

  it('refuses an HSM number that does not exist', () => {
    const sandbox = testSandbox();
    expect(() => sandbox.hsm.fail(REGION, 4)).toThrow(`HSM 4 does not exist: ${REGION} has HSMs 1 to 3.`);
  });
});
