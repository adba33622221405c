import { describe, expect, it } from 'vitest';
import { ConsoleSession, type ConsoleResult } from '../../../src/engine/console/console-session.js';
import { renderError } from '../../../src/engine/console/format.js';
import type { AuditRecord, Sandbox, ServiceOutcome } from '../../../src/sim/index.js';
import { createTestAlias, createTestKey, expectOk, OTHER_REGION, REGION, scheduleTestKeyDeletion, testSandbox, UNKNOWN_KEY_ID } from '../../helpers/sim.js';

const SECRET = 's3cr3t-Pa55word';

function ssm(sandbox: Sandbox, operation: string, input: Record<string, unknown>, region = REGION): ServiceOutcome {
  return sandbox.callService(region, sandbox.admin, 'ssm', operation, input);
}

function ok(outcome: ServiceOutcome): Record<string, unknown> {
  if (!outcome.ok) expect.fail(`expected success, got ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.output;
}

function failed(outcome: ServiceOutcome, code: string, message?: string): string {
  if (outcome.ok) expect.fail(`expected ${code}, got ${JSON.stringify(outcome.output)}`);
  expect(outcome.error.code, outcome.error.message).toBe(code);
  if (message !== undefined) expect(outcome.error.message).toBe(message);
  return outcome.error.message;
}

interface Parameter {
  Name: string;
  Type: string;
  Value: string;
  Version: number;
  ARN: string;
  DataType: string;
  Selector?: string;
}

function getParameter(sandbox: Sandbox, name: string, withDecryption: boolean, region = REGION): Parameter {
  return ok(ssm(sandbox, 'GetParameter', { Name: name, WithDecryption: withDecryption }, region)).Parameter as Parameter;
}

/** The audit records appended since `from`. */
function since(sandbox: Sandbox, from: number): AuditRecord[] {
  return sandbox.audit.items.slice(from);
}

function kmsCalls(records: readonly AuditRecord[]): AuditRecord[] {
  return records.filter((r) => r.eventSource === 'kms.amazonaws.com');
}

const arnOf = (sandbox: Sandbox, name: string, region = REGION) => `arn:aws:ssm:${region}:${sandbox.accountId}:parameter/${name.replace(/^\//, '')}`;

describe('SSM PutParameter and GetParameter: standard SecureString', () => {
  it('encrypts the value with KMS Encrypt under aws/ssm (created on first use) with the PARAMETER_ARN context', () => {
    const sandbox = testSandbox();
    const from = sandbox.audit.size;
    expect(ok(ssm(sandbox, 'PutParameter', { Name: '/app/db-password', Value: SECRET, Type: 'SecureString' }))).toEqual({ Version: 1, Tier: 'Standard' });
    const records = since(sandbox, from);
    expect(records.map((r) => `${r.eventSource} ${r.eventName}`)).toEqual(['kms.amazonaws.com Encrypt', 'ssm.amazonaws.com PutParameter']);
    const [encrypt, put] = records as [AuditRecord, AuditRecord];
    expect(encrypt.awsRegion).toBe(REGION);
    expect(encrypt.userIdentity.invokedBy).toBe('ssm.amazonaws.com');
    expect(encrypt.userIdentity.arn).toBe(sandbox.admin.arn);
    expect(encrypt.requestParameters?.keyId).toBe('alias/aws/ssm');
    expect(encrypt.requestParameters?.encryptionContext).toEqual({ PARAMETER_ARN: `arn:aws:ssm:${REGION}:${sandbox.accountId}:parameter/app/db-password` });
    expect(put.userIdentity.invokedBy).toBeUndefined();
    expect(put.awsRegion).toBe(REGION);
    const managed = sandbox.keys(REGION).find((k) => k.aliases.includes('alias/aws/ssm'));
    expect(managed?.keyManager).toBe('AWS');
    expect(encrypt.resources?.[0]?.ARN).toBe(managed?.arn);
  });

  it('returns the value decrypted by KMS Decrypt with the same context when WithDecryption is set', () => {
    const sandbox = testSandbox();
    ok(ssm(sandbox, 'PutParameter', { Name: '/app/db-password', Value: SECRET, Type: 'SecureString' }));
    const from = sandbox.audit.size;
    const parameter = getParameter(sandbox, '/app/db-password', true);
    expect(parameter).toMatchObject({ Name: '/app/db-password', Type: 'SecureString', Value: SECRET, Version: 1, DataType: 'text' });
    expect(parameter.ARN).toBe(arnOf(sandbox, '/app/db-password'));
    const records = since(sandbox, from);
    expect(records.map((r) => `${r.eventSource} ${r.eventName}`)).toEqual(['kms.amazonaws.com Decrypt', 'ssm.amazonaws.com GetParameter']);
    expect(records[0]?.userIdentity.invokedBy).toBe('ssm.amazonaws.com');
    expect(records[0]?.requestParameters?.encryptionContext).toEqual({ PARAMETER_ARN: parameter.ARN });
  });

  it('returns the KMS ciphertext in base64 without WithDecryption, and calls no KMS', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    ok(ssm(sandbox, 'PutParameter', { Name: '/app/db-password', Value: SECRET, Type: 'SecureString', KeyId: key.keyId }));
    const from = sandbox.audit.size;
    const parameter = getParameter(sandbox, '/app/db-password', false);
    expect(kmsCalls(since(sandbox, from))).toEqual([]);
    expect(parameter.Value).not.toContain(SECRET);
    // As AWS documents: KMS Decrypt of that ciphertext with the PARAMETER_ARN context gives the value.
    const blob = Buffer.from(parameter.Value, 'base64');
    const decrypted = expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: blob, EncryptionContext: { PARAMETER_ARN: parameter.ARN } }));
    expect(Buffer.from(decrypted.Plaintext ?? []).toString()).toBe(SECRET);
    expect(decrypted.KeyId).toBe(key.arn);
    const wrong = sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: blob, EncryptionContext: { PARAMETER_ARN: arnOf(sandbox, '/other') } });
    expect(!wrong.ok && wrong.error.code).toBe('InvalidCiphertextException');
  });

  it('refuses the caller direct use of aws/ssm: only Parameter Store may use it', () => {
    const sandbox = testSandbox();
    ok(ssm(sandbox, 'PutParameter', { Name: 'plain-name', Value: SECRET, Type: 'SecureString' }));
    const parameter = getParameter(sandbox, 'plain-name', false);
    expect(parameter.ARN).toBe(`arn:aws:ssm:${REGION}:${sandbox.accountId}:parameter/plain-name`);
    const direct = sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: Buffer.from(parameter.Value, 'base64'), EncryptionContext: { PARAMETER_ARN: parameter.ARN } });
    expect(!direct.ok && direct.error.code).toBe('AccessDeniedException');
  });

  it.each(['key id', 'key ARN', 'alias name', 'alias ARN'] as const)('takes a customer managed key by %s', (form) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const alias = createTestAlias(sandbox, key, 'alias/params');
    const keyId = { 'key id': key.keyId, 'key ARN': key.arn, 'alias name': alias, 'alias ARN': `arn:aws:kms:${REGION}:${sandbox.accountId}:${alias}` }[form];
    const from = sandbox.audit.size;
    ok(ssm(sandbox, 'PutParameter', { Name: '/app/key', Value: SECRET, Type: 'SecureString', KeyId: keyId }));
    const [encrypt] = kmsCalls(since(sandbox, from));
    expect(encrypt?.requestParameters?.keyId).toBe(keyId);
    expect(encrypt?.resources?.[0]?.ARN).toBe(key.arn);
    expect(getParameter(sandbox, '/app/key', true).Value).toBe(SECRET);
    const described = ok(ssm(sandbox, 'DescribeParameters', {})).Parameters as { KeyId?: string }[];
    expect(described[0]?.KeyId).toBe(keyId);
  });

  it('keeps parameters in their Region', () => {
    const sandbox = testSandbox();
    ok(ssm(sandbox, 'PutParameter', { Name: '/app/db-password', Value: SECRET, Type: 'SecureString' }));
    failed(ssm(sandbox, 'GetParameter', { Name: '/app/db-password' }, OTHER_REGION), 'ParameterNotFound');
    const key = createTestKey(sandbox, OTHER_REGION);
    const from = sandbox.audit.size;
    ok(ssm(sandbox, 'PutParameter', { Name: '/app/db-password', Value: 'eu', Type: 'SecureString', KeyId: key.arn }, OTHER_REGION));
    expect(kmsCalls(since(sandbox, from))[0]?.awsRegion).toBe(OTHER_REGION);
    expect(getParameter(sandbox, '/app/db-password', true, OTHER_REGION).ARN).toBe(arnOf(sandbox, '/app/db-password', OTHER_REGION));
    expect(getParameter(sandbox, '/app/db-password', true).Value).toBe(SECRET);
  });

  it('takes a key of another Region as unknown: InvalidKeyId', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox, OTHER_REGION);
    failed(ssm(sandbox, 'PutParameter', { Name: '/x', Value: SECRET, Type: 'SecureString', KeyId: key.arn }), 'InvalidKeyId');
  });
});

describe('SSM versions and overwrite', () => {
  it('refuses an existing name without Overwrite, and adds a version with it', () => {
    const sandbox = testSandbox();
    ok(ssm(sandbox, 'PutParameter', { Name: '/app/p', Value: 'one', Type: 'SecureString' }));
    failed(
      ssm(sandbox, 'PutParameter', { Name: '/app/p', Value: 'two', Type: 'SecureString' }),
      'ParameterAlreadyExists',
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
    );
    expect(ok(ssm(sandbox, 'PutParameter', { Name: '/app/p', Value: 'two', Type: 'SecureString', Overwrite: true })).Version).toBe(2);
    // The type may be left out when overwriting: the parameter keeps its own.
    expect(ok(ssm(sandbox, 'PutParameter', { Name: '/app/p', Value: 'three', Overwrite: true })).Version).toBe(3);
    const parameter = getParameter(sandbox, '/app/p', true);
    expect(parameter).toMatchObject({ Value: 'three', Version: 3, Type: 'SecureString' });
  });

  it('reads earlier versions with name:N, each decrypted under the key it was written with', () => {
    const sandbox = testSandbox();
    const first = createTestKey(sandbox, REGION, 'first');
    const second = createTestKey(sandbox, REGION, 'second');
    ok(ssm(sandbox, 'PutParameter', { Name: '/app/p', Value: 'v1', Type: 'SecureString', KeyId: first.keyId }));
    ok(ssm(sandbox, 'PutParameter', { Name: '/app/p', Value: 'v2', Type: 'SecureString', KeyId: second.keyId, Overwrite: true }));
    const from = sandbox.audit.size;
    expect(getParameter(sandbox, '/app/p:1', true)).toMatchObject({ Name: '/app/p', Value: 'v1', Version: 1, Selector: ':1' });
    expect(getParameter(sandbox, `${arnOf(sandbox, '/app/p')}:2`, true)).toMatchObject({ Value: 'v2', Version: 2, Selector: ':2' });
    expect(getParameter(sandbox, '/app/p', true)).not.toHaveProperty('Selector');
    expect(kmsCalls(since(sandbox, from)).map((r) => r.resources?.[0]?.ARN)).toEqual([first.arn, second.arn, second.arn]);
    failed(ssm(sandbox, 'GetParameter', { Name: '/app/p:3' }), 'ParameterVersionNotFound', 'Systems Manager could not find version 3 of /app/p. Verify the version and try again.');
    // An overwrite without KeyId uses the default key, aws/ssm, not the previous version's key.
    const mid = sandbox.audit.size;
    ok(ssm(sandbox, 'PutParameter', { Name: '/app/p', Value: 'v3', Overwrite: true }));
    expect(kmsCalls(since(sandbox, mid))[0]?.requestParameters?.keyId).toBe('alias/aws/ssm');
  });

  it('keeps the last 100 versions', () => {
    const sandbox = testSandbox();
    for (let v = 1; v <= 101; v += 1) ok(ssm(sandbox, 'PutParameter', { Name: '/many', Value: `v${v}`, Type: 'String', Overwrite: v > 1 }));
    failed(ssm(sandbox, 'GetParameter', { Name: '/many:1' }), 'ParameterVersionNotFound');
    expect(getParameter(sandbox, '/many:2', false).Value).toBe('v2');
    expect(getParameter(sandbox, '/many', false)).toMatchObject({ Value: 'v101', Version: 101 });
  });

  it('needs a type to create a parameter', () => {
    const sandbox = testSandbox();
    failed(ssm(sandbox, 'PutParameter', { Name: '/app/p', Value: 'v' }), 'ValidationException', 'A parameter type is required when you create a parameter.');
  });

  it('stores String and StringList values as they are, with no KMS call, and refuses a KeyId for them', () => {
    const sandbox = testSandbox();
    const from = sandbox.audit.size;
    ok(ssm(sandbox, 'PutParameter', { Name: '/app/hosts', Value: 'a,b,c', Type: 'StringList' }));
    ok(ssm(sandbox, 'PutParameter', { Name: '/app/url', Value: 'https://example.com', Type: 'String' }));
    expect(getParameter(sandbox, '/app/hosts', false)).toMatchObject({ Value: 'a,b,c', Type: 'StringList' });
    expect(getParameter(sandbox, '/app/url', true).Value).toBe('https://example.com');
    expect(kmsCalls(since(sandbox, from))).toEqual([]);
    failed(ssm(sandbox, 'PutParameter', { Name: '/app/k', Value: 'v', Type: 'String', KeyId: 'alias/aws/ssm' }), 'ValidationException');
  });

  it('changes a String to a SecureString on overwrite, encrypting the new version', () => {
    const sandbox = testSandbox();
    ok(ssm(sandbox, 'PutParameter', { Name: '/app/p', Value: 'open', Type: 'String' }));
    const from = sandbox.audit.size;
    ok(ssm(sandbox, 'PutParameter', { Name: '/app/p', Value: SECRET, Type: 'SecureString', Overwrite: true }));
    expect(kmsCalls(since(sandbox, from)).map((r) => r.eventName)).toEqual(['Encrypt']);
    expect(getParameter(sandbox, '/app/p', false).Value).not.toBe(SECRET);
  });
});

describe('SSM advanced tier: envelope encryption', () => {
  it('encrypts with a data key from GenerateDataKey and decrypts the data key on get', () => {
    const sandbox = testSandbox();
    const from = sandbox.audit.size;
    expect(ok(ssm(sandbox, 'PutParameter', { Name: '/app/cert', Value: SECRET, Type: 'SecureString', Tier: 'Advanced' }))).toEqual({ Version: 1, Tier: 'Advanced' });
    const put = kmsCalls(since(sandbox, from));
    expect(put.map((r) => r.eventName)).toEqual(['GenerateDataKey']);
    expect(put[0]?.requestParameters).toMatchObject({ keyId: 'alias/aws/ssm', keySpec: 'AES_256', encryptionContext: { PARAMETER_ARN: arnOf(sandbox, '/app/cert') } });
    expect(put[0]?.userIdentity.invokedBy).toBe('ssm.amazonaws.com');
    const stored = Buffer.from(getParameter(sandbox, '/app/cert', false).Value, 'base64');
    expect(stored.includes(Buffer.from(SECRET))).toBe(false);
    const mid = sandbox.audit.size;
    expect(getParameter(sandbox, '/app/cert', true).Value).toBe(SECRET);
    const get = kmsCalls(since(sandbox, mid));
    expect(get.map((r) => r.eventName)).toEqual(['Decrypt']);
    expect(get[0]?.requestParameters?.encryptionContext).toEqual({ PARAMETER_ARN: arnOf(sandbox, '/app/cert') });
  });

  it('holds up to 8 KB; standard holds 4 KB', () => {
    const sandbox = testSandbox();
    const big = 'x'.repeat(4097);
    const message = failed(ssm(sandbox, 'PutParameter', { Name: '/big', Value: big, Type: 'SecureString' }), 'ValidationException');
    expect(message).toContain('Standard tier parameters support a maximum parameter value of 4096 characters.');
    expect(message).not.toContain('xxxx');
    ok(ssm(sandbox, 'PutParameter', { Name: '/four', Value: 'y'.repeat(4096), Type: 'SecureString' }));
    ok(ssm(sandbox, 'PutParameter', { Name: '/big', Value: big, Type: 'SecureString', Tier: 'Advanced' }));
    expect(getParameter(sandbox, '/big', true).Value).toBe(big);
    const tooBig = failed(ssm(sandbox, 'PutParameter', { Name: '/huge', Value: 'z'.repeat(8193), Type: 'SecureString', Tier: 'Advanced' }), 'ValidationException');
    expect(tooBig).not.toContain('zzzz');
  });

  it('goes from Standard to Advanced on overwrite, never back', () => {
    const sandbox = testSandbox();
    ok(ssm(sandbox, 'PutParameter', { Name: '/p', Value: 'a', Type: 'SecureString' }));
    expect(ok(ssm(sandbox, 'PutParameter', { Name: '/p', Value: 'b', Overwrite: true, Tier: 'Advanced' })).Tier).toBe('Advanced');
    // Without a tier the parameter stays advanced (and envelope-encrypted).
    const from = sandbox.audit.size;
    expect(ok(ssm(sandbox, 'PutParameter', { Name: '/p', Value: 'c', Overwrite: true })).Tier).toBe('Advanced');
    expect(kmsCalls(since(sandbox, from)).map((r) => r.eventName)).toEqual(['GenerateDataKey']);
    failed(ssm(sandbox, 'PutParameter', { Name: '/p', Value: 'd', Overwrite: true, Tier: 'Standard' }), 'ValidationException');
    expect(getParameter(sandbox, '/p', true)).toMatchObject({ Value: 'c', Version: 3 });
  });

  it('Intelligent-Tiering picks Advanced only for a value over 4 KB', () => {
    const sandbox = testSandbox();
    expect(ok(ssm(sandbox, 'PutParameter', { Name: '/small', Value: 'v', Type: 'SecureString', Tier: 'Intelligent-Tiering' })).Tier).toBe('Standard');
    expect(ok(ssm(sandbox, 'PutParameter', { Name: '/large', Value: 'v'.repeat(5000), Type: 'SecureString', Tier: 'Intelligent-Tiering' })).Tier).toBe('Advanced');
  });
});

describe('SSM InvalidKeyId: a key KMS cannot use', () => {
  it('reports a disabled key with KMS\'s message, on put and on get with decryption', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    ok(ssm(sandbox, 'PutParameter', { Name: '/app/p', Value: SECRET, Type: 'SecureString', KeyId: key.keyId }));
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));
    failed(ssm(sandbox, 'PutParameter', { Name: '/app/q', Value: SECRET, Type: 'SecureString', KeyId: key.keyId }), 'InvalidKeyId', `${key.arn} is disabled.`);
    failed(ssm(sandbox, 'GetParameter', { Name: '/app/p', WithDecryption: true }), 'InvalidKeyId', `${key.arn} is disabled.`);
    // Nothing was stored by the failed put; the ciphertext can still be read without decryption.
    failed(ssm(sandbox, 'GetParameter', { Name: '/app/q' }), 'ParameterNotFound');
    expect(getParameter(sandbox, '/app/p', false).Value).not.toBe(SECRET);
  });

  it('reports a key pending deletion and a key pending import', () => {
    const sandbox = testSandbox();
    const doomed = createTestKey(sandbox);
    scheduleTestKeyDeletion(sandbox, doomed);
    failed(ssm(sandbox, 'PutParameter', { Name: '/a', Value: SECRET, Type: 'SecureString', KeyId: doomed.keyId }), 'InvalidKeyId', `${doomed.arn} is pending deletion.`);
    const { KeyMetadata } = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', { Origin: 'EXTERNAL' }));
    failed(ssm(sandbox, 'PutParameter', { Name: '/b', Value: SECRET, Type: 'SecureString', KeyId: KeyMetadata.KeyId, Tier: 'Advanced' }), 'InvalidKeyId', `${KeyMetadata.Arn} is pending import.`);
  });

  it("refuses another service's AWS managed key: KMS denies SSM the use of aws/rds", () => {
    const sandbox = testSandbox();
    const message = failed(ssm(sandbox, 'PutParameter', { Name: '/a', Value: SECRET, Type: 'SecureString', KeyId: 'alias/aws/rds' }), 'AccessDeniedException');
    expect(message).toContain('is not authorized to perform: kms:Encrypt');
  });

  it('reports an unknown key', () => {
    const sandbox = testSandbox();
    const message = failed(ssm(sandbox, 'PutParameter', { Name: '/a', Value: SECRET, Type: 'SecureString', KeyId: UNKNOWN_KEY_ID }), 'InvalidKeyId');
    expect(message).toContain(UNKNOWN_KEY_ID);
    failed(ssm(sandbox, 'PutParameter', { Name: '/a', Value: SECRET, Type: 'SecureString', KeyId: 'alias/nope' }), 'InvalidKeyId');
  });
});

describe('SSM GetParameters, DeleteParameter, DescribeParameters, names', () => {
  it('GetParameter of an unknown name is ParameterNotFound with no message, as AWS sends it', () => {
    const sandbox = testSandbox();
    failed(ssm(sandbox, 'GetParameter', { Name: '/nope' }), 'ParameterNotFound', '');
    failed(ssm(sandbox, 'DeleteParameter', { Name: '/nope' }), 'ParameterNotFound', '');
  });

  it('GetParameter takes the parameter ARN too', () => {
    const sandbox = testSandbox();
    ok(ssm(sandbox, 'PutParameter', { Name: '/app/p', Value: SECRET, Type: 'SecureString' }));
    ok(ssm(sandbox, 'PutParameter', { Name: 'flat', Value: 'f', Type: 'String' }));
    expect(getParameter(sandbox, arnOf(sandbox, '/app/p'), true).Value).toBe(SECRET);
    expect(getParameter(sandbox, arnOf(sandbox, 'flat'), true).Value).toBe('f');
  });

  it('GetParameters lists unknown names in InvalidParameters and decrypts each SecureString', () => {
    const sandbox = testSandbox();
    ok(ssm(sandbox, 'PutParameter', { Name: '/a', Value: 'A-secret', Type: 'SecureString' }));
    ok(ssm(sandbox, 'PutParameter', { Name: '/b', Value: 'B', Type: 'String' }));
    const from = sandbox.audit.size;
    const out = ok(ssm(sandbox, 'GetParameters', { Names: ['/a', '/b', '/c'], WithDecryption: true }));
    expect((out.Parameters as Parameter[]).map((p) => [p.Name, p.Value])).toEqual([['/a', 'A-secret'], ['/b', 'B']]);
    expect(out.InvalidParameters).toEqual(['/c']);
    expect(kmsCalls(since(sandbox, from)).map((r) => r.eventName)).toEqual(['Decrypt']);
  });

  it('DeleteParameter removes the parameter; DescribeParameters lists metadata without values', () => {
    const sandbox = testSandbox();
    ok(ssm(sandbox, 'PutParameter', { Name: '/a', Value: SECRET, Type: 'SecureString', Description: 'db password' }));
    ok(ssm(sandbox, 'PutParameter', { Name: '/b', Value: 'B', Type: 'String' }));
    const described = ok(ssm(sandbox, 'DescribeParameters', {})).Parameters as Record<string, unknown>[];
    expect(described).toHaveLength(2);
    expect(described[0]).toMatchObject({ Name: '/a', Type: 'SecureString', KeyId: 'alias/aws/ssm', Tier: 'Standard', Version: 1, Description: 'db password', LastModifiedUser: sandbox.admin.arn });
    expect(described[1]).not.toHaveProperty('KeyId');
    expect(JSON.stringify(described)).not.toContain(SECRET);
    expect(ok(ssm(sandbox, 'DeleteParameter', { Name: '/a' }))).toEqual({});
    failed(ssm(sandbox, 'GetParameter', { Name: '/a' }), 'ParameterNotFound');
  });

  it('refuses names AWS refuses', () => {
    const sandbox = testSandbox();
    failed(ssm(sandbox, 'PutParameter', { Name: 'app/p', Value: 'v', Type: 'String' }), 'ValidationException', 'Parameter name must be a fully qualified name.');
    expect(failed(ssm(sandbox, 'PutParameter', { Name: '/aws/p', Value: 'v', Type: 'String' }), 'ValidationException')).toContain('can\'t be prefixed with "aws" or "ssm"');
    failed(ssm(sandbox, 'PutParameter', { Name: 'SSMthing', Value: 'v', Type: 'String' }), 'ValidationException');
    failed(ssm(sandbox, 'PutParameter', { Name: '/a b', Value: 'v', Type: 'String' }), 'ValidationException');
  });

  it('reports schema errors as ValidationException in AWS wording', () => {
    const sandbox = testSandbox();
    const message = failed(ssm(sandbox, 'PutParameter', { Value: SECRET, Type: 'Secret' }), 'ValidationException');
    expect(message).toMatch(/^2 validation errors detected: /);
    expect(message).toContain("Value null at 'name' failed to satisfy constraint: Member must not be null");
    expect(message).not.toContain(SECRET);
  });
});

describe('SSM CloudTrail records keep values secret', () => {
  it('hides Value in the service records (HIDDEN_DUE_TO_SECURITY_REASONS) and KMS records hold no plaintext', () => {
    const sandbox = testSandbox();
    ok(ssm(sandbox, 'PutParameter', { Name: '/s', Value: SECRET, Type: 'SecureString' }));
    ok(ssm(sandbox, 'PutParameter', { Name: '/adv', Value: SECRET, Type: 'SecureString', Tier: 'Advanced' }));
    ok(ssm(sandbox, 'PutParameter', { Name: '/plain', Value: SECRET, Type: 'String' }));
    getParameter(sandbox, '/s', true);
    getParameter(sandbox, '/adv', true);
    ok(ssm(sandbox, 'GetParameters', { Names: ['/s', '/adv'], WithDecryption: true }));
    failed(ssm(sandbox, 'PutParameter', { Name: '/s', Value: SECRET, Type: 'SecureString' }), 'ParameterAlreadyExists');
    const trail = sandbox.audit.toJsonLines();
    expect(trail).not.toContain(SECRET);
    expect(trail).not.toContain(Buffer.from(SECRET).toString('base64'));
    const put = sandbox.audit.items.find((r) => r.eventName === 'PutParameter');
    expect(put?.requestParameters).toEqual({ name: '/s', value: 'HIDDEN_DUE_TO_SECURITY_REASONS', type: 'SecureString' });
    const get = sandbox.audit.items.find((r) => r.eventName === 'GetParameter');
    expect((get?.responseElements?.parameter as { value: string }).value).toBe('HIDDEN_DUE_TO_SECURITY_REASONS');
  });
});

describe('ssm in the console', () => {
  function call(result: ConsoleResult) {
    if (result.kind !== 'call') throw new Error(`expected a call, got ${result.kind}`);
    return result;
  }

  it('puts and gets a SecureString as the AWS CLI does', () => {
    const sandbox = testSandbox();
    const session = new ConsoleSession(sandbox);
    const put = call(session.execute('ssm put-parameter --name /app/db-password --value s3cr3t --type SecureString'));
    expect(put.service).toBe('ssm');
    expect(put.operation).toBe('PutParameter');
    expect(put.outcome.ok && put.outcome.output).toEqual({ Version: 1, Tier: 'Standard' });
    const get = call(session.execute('ssm get-parameter --name /app/db-password --with-decryption'));
    expect(get.outcome.ok && (get.outcome.output.Parameter as Parameter).Value).toBe('s3cr3t');
    const hidden = call(session.execute('aws ssm get-parameter --name /app/db-password --no-with-decryption'));
    expect(hidden.outcome.ok && (hidden.outcome.output.Parameter as Parameter).Value).not.toBe('s3cr3t');
    const kms = sandbox.audit.items.filter((r) => r.eventSource === 'kms.amazonaws.com');
    expect(kms.map((r) => r.eventName)).toEqual(['Encrypt', 'Decrypt']);
    const again = call(session.execute('ssm put-parameter --name /app/db-password --value other --type SecureString'));
    expect(!again.outcome.ok && renderError(again.operation, again.outcome.error)).toBe(
      'An error occurred (ParameterAlreadyExists) when calling the PutParameter operation: The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
    );
    const missing = call(session.execute('ssm get-parameter --name /nope'));
    expect(!missing.outcome.ok && missing.outcome.error.code).toBe('ParameterNotFound');
  });
});
