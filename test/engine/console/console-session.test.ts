import { describe, expect, it } from 'vitest';
import { ConsoleError } from '../../../src/engine/console/console-error.js';
import { ConsoleSession, type ConsoleResult } from '../../../src/engine/console/console-session.js';
import { renderError } from '../../../src/engine/console/format.js';
import { createSandbox } from '../../../src/sim/index.js';

function session(): ConsoleSession {
  return new ConsoleSession(createSandbox({ quotas: { enforce: false } }));
}

function call(result: ConsoleResult) {
  if (result.kind !== 'call') throw new Error(`expected a KMS call, got ${result.kind}`);
  return result;
}

describe('ConsoleSession', () => {
  it('runs an AWS-CLI-shaped command with an optional aws prefix', () => {
    const s = session();
    const result = call(s.execute('aws kms create-key --description "from the console"'));
    expect(result.operation).toBe('CreateKey');
    expect(result.outcome.ok && (result.outcome.output as { KeyMetadata: { Description: string } }).KeyMetadata.Description).toBe('from the console');
  });

  it('reuses named outputs, bytes included, in later commands', () => {
    const s = session();
    s.execute('key = kms create-key');
    s.execute('kms create-alias --alias-name alias/app --target-key-id $key.KeyMetadata.KeyId');
    s.execute('ct = kms encrypt --key-id alias/app --plaintext "hi there" --encryption-context purpose=demo,team=a');
    const decrypted = call(s.execute('kms decrypt --ciphertext-blob $ct.CiphertextBlob --encryption-context team=a,purpose=demo'));
    expect(decrypted.outcome.ok).toBe(true);
    expect(decrypted.outcome.ok && Buffer.from(decrypted.outcome.output.Plaintext as Uint8Array).toString()).toBe('hi there');
  });

  it('accepts base64 text for a ciphertext blob, and a JSON encryption context', () => {
    const s = session();
    s.execute('key = kms create-key');
    const ct = call(s.execute(`kms encrypt --key-id $key.KeyMetadata.KeyId --plaintext x --encryption-context '{"a":"1"}'`));
    const base64 = ct.outcome.ok ? Buffer.from(ct.outcome.output.CiphertextBlob as Uint8Array).toString('base64') : '';
    const pt = call(s.execute(`kms decrypt --ciphertext-blob ${base64} --encryption-context a=1`));
    expect(pt.outcome.ok).toBe(true);
  });

  it('returns KMS errors as outcomes, not exceptions', () => {
    const s = session();
    const result = call(s.execute('kms describe-key --key-id alias/missing'));
    expect(result.outcome.ok).toBe(false);
    expect(!result.outcome.ok && result.outcome.error.code).toBe('NotFoundException');
  });

  it('parses integers, switches and their --no- forms, and lists of tags', () => {
    const s = session();
    s.execute('key = kms create-key --tags TagKey=a,TagValue=1 TagKey=b,TagValue=2');
    const tags = call(s.execute('kms list-resource-tags --key-id $key.KeyMetadata.KeyId --limit 1'));
    expect(tags.outcome.ok && tags.outcome.output).toMatchObject({ Tags: [{ TagKey: 'a', TagValue: '1' }], Truncated: true });
    const dry = call(s.execute('kms encrypt --key-id $key.KeyMetadata.KeyId --plaintext x --dry-run'));
    expect(!dry.outcome.ok && dry.outcome.error.code).toBe('DryRunOperationException');
    const wet = call(s.execute('kms encrypt --key-id $key.KeyMetadata.KeyId --plaintext x --no-dry-run'));
    expect(wet.outcome.ok).toBe(true);
  });

  it('uses --region for one command and region use for the rest', () => {
    const s = session();
    expect(call(s.execute('kms create-key --region eu-west-1')).region).toBe('eu-west-1');
    expect(s.region).toBe('us-east-1');
    s.execute('region use ap-southeast-2');
    expect(call(s.execute('kms list-keys')).region).toBe('ap-southeast-2');
  });

  it('advances the clock and reports the timers it fired', () => {
    const s = session();
    s.execute('key = kms create-key');
    s.execute('kms schedule-key-deletion --key-id $key.KeyMetadata.KeyId --pending-window-in-days 7');
    const result = s.execute('clock advance 7d');
    expect(result.kind === 'verb' && result.output).toMatchObject({ Advanced: '7d', FiredTimers: [expect.stringMatching(/^DeleteKey /)] });
  });

  it('generates help from the registry', () => {
    const s = session();
    const all = s.execute('help');
    expect(all.kind === 'help' && all.text).toContain('kms schedule-key-deletion');
    const one = s.execute('help encrypt');
    expect(one.kind === 'help' && one.text).toMatch(/--key-id \(required\)[\s\S]*--plaintext \(required\)/);
  });

  it.each([
    ['kms encrpyt --key-id x', /Unknown KMS command "encrpyt". Did you mean "encrypt"\?/],
    ['kms encrypt --key-id x --plaintext y --colour red', /Unknown options: --colour/],
    ['kms encrypt --key-id x', /the following arguments are required: --plaintext/],
    ['kms generate-random --number-of-bytes lots', /--number-of-bytes expects a whole number; got 'lots'/],
    ['kms decrypt --ciphertext-blob not*base64', /--ciphertext-blob expects base64 text/],
    ['kms encrypt --key-id x --plaintext y --encryption-context oops', /"oops" is not key=value/],
    ['kms decrypt --ciphertext-blob $nothing.CiphertextBlob', /Unknown output \$nothing/],
    ['kms encrypt --key-id x --plaintext fileb:///no/such/file', /cannot read \/no\/such\/file: ENOENT/],
    ['clock advance soon', /Usage: clock advance <duration>/],
    ['region use mars-north-1', /Unknown Region "mars-north-1"/],
    ['launch rockets', /Unknown command "launch"/],
    ['kms list-keys stray', /Unexpected value "stray"/],
  ])('refuses the malformed line %s with a precise message', (line, message) => {
    const s = session();
    expect(() => s.execute(line)).toThrow(ConsoleError);
    expect(() => s.execute(line)).toThrow(message);
  });

  it('changes nothing when a line is malformed', () => {
    const s = session();
    expect(() => s.execute('kms create-key --bogus')).toThrow(ConsoleError);
    const keys = call(s.execute('kms list-keys'));
    expect(keys.outcome.ok && keys.outcome.output).toMatchObject({ Keys: [] });
  });
});

describe('ConsoleSession keymaterial', () => {
  it('makes material that is never printed and wraps it so ImportKeyMaterial accepts it', () => {
    const s = session();
    s.execute('ext = kms create-key --origin EXTERNAL');
    const made = s.execute('keymaterial new mine');
    expect(made.kind === 'verb' && made.output).toEqual({ KeyMaterial: 'mine', Bytes: 32, Note: expect.any(String) });
    s.execute('params = kms get-parameters-for-import --key-id $ext.KeyMetadata.KeyId --wrapping-algorithm RSA_AES_KEY_WRAP_SHA_1 --wrapping-key-spec RSA_2048');
    s.execute('wrapped = keymaterial wrap mine --public-key $params.PublicKey --wrapping-algorithm RSA_AES_KEY_WRAP_SHA_1');
    const imported = call(s.execute('kms import-key-material --key-id $ext.KeyMetadata.KeyId --import-token $params.ImportToken --encrypted-key-material $wrapped.EncryptedKeyMaterial --valid-to +10d'));
    expect(imported.outcome.ok).toBe(true);
    const described = call(s.execute('kms describe-key --key-id $ext.KeyMetadata.KeyId'));
    const metadata = described.outcome.ok ? (described.outcome.output as { KeyMetadata: { KeyState: string; ValidTo: Date } }).KeyMetadata : undefined;
    expect(metadata?.KeyState).toBe('Enabled');
    expect(metadata?.ValidTo.getTime()).toBe(s.sandbox.clock.nowMs + 10 * 86_400_000);
  });

  it('makes HMAC-sized material with --bytes, which an EXTERNAL HMAC key imports and MACs with', () => {
    const s = session();
    s.execute('ext = kms create-key --origin EXTERNAL --key-spec HMAC_384 --key-usage GENERATE_VERIFY_MAC');
    const made = s.execute('keymaterial new tokens --bytes 48');
    expect(made.kind === 'verb' && made.output).toMatchObject({ KeyMaterial: 'tokens', Bytes: 48 });
    s.execute('params = kms get-parameters-for-import --key-id $ext.KeyMetadata.KeyId --wrapping-algorithm RSAES_OAEP_SHA_256 --wrapping-key-spec RSA_3072');
    s.execute('wrapped = keymaterial wrap tokens --public-key $params.PublicKey --wrapping-algorithm RSAES_OAEP_SHA_256');
    const imported = call(s.execute('kms import-key-material --key-id $ext.KeyMetadata.KeyId --import-token $params.ImportToken --encrypted-key-material $wrapped.EncryptedKeyMaterial --expiration-model KEY_MATERIAL_DOES_NOT_EXPIRE'));
    expect(imported.outcome.ok).toBe(true);
    s.execute('tag = kms generate-mac --key-id $ext.KeyMetadata.KeyId --message hello --mac-algorithm HMAC_SHA_384');
    const verified = call(s.execute('kms verify-mac --key-id $ext.KeyMetadata.KeyId --message hello --mac $tag.Mac --mac-algorithm HMAC_SHA_384'));
    expect(verified.outcome.ok && verified.outcome.output).toMatchObject({ MacValid: true, MacAlgorithm: 'HMAC_SHA_384' });
  });

  it.each([
    ['keymaterial', /Usage: keymaterial new NAME/],
    ['keymaterial new small --bytes 8', /--bytes must be a whole number from 16 to 128/],
    ['keymaterial new odd --bytes 3x', /--bytes must be a whole number/],
    ['keymaterial new extra --size 32', /Usage: keymaterial new NAME \[--bytes N\]/],
    ['keymaterial wrap nothing --public-key x --wrapping-algorithm RSAES_OAEP_SHA_256', /No key material named "nothing"/],
    ['kms import-key-material --key-id k --import-token AAAA --encrypted-key-material AAAA --valid-to soon', /--valid-to expects a date/],
    ['kms import-key-material --key-id k --import-token AAAA --encrypted-key-material AAAA --valid-to +3 weeks', /takes one value|not a relative time/],
  ])('refuses %s with a precise message', (line, message) => {
    expect(() => session().execute(line)).toThrow(message);
  });
});

describe('renderError', () => {
  it('prints the AWS CLI line, and for errors AWS sends without a message, what they mean', () => {
    expect(renderError('Encrypt', { code: 'DisabledException', message: 'arn is disabled.' })).toBe(
      'An error occurred (DisabledException) when calling the Encrypt operation: arn is disabled.',
    );
    expect(renderError('Verify', { code: 'KMSInvalidSignatureException', message: '' })).toBe(
      'An error occurred (KMSInvalidSignatureException) when calling the Verify operation: (AWS sends no message. The signature is not valid for this message, key and signing algorithm.)',
    );
  });
});

describe('ConsoleSession hsm', () => {
  it('fails one HSM (still served), the whole Region (KeyUnavailableException), and recovers', () => {
    const s = session();
    s.execute('key = kms create-key');
    const one = s.execute('hsm fail us-east-1 2');
    expect(one.kind === 'verb' && one.output).toMatchObject({ Region: 'us-east-1', Up: [1, 3], Down: [2], RegionDown: false });
    expect(call(s.execute('kms encrypt --key-id $key.KeyMetadata.KeyId --plaintext hi')).outcome.ok).toBe(true);
    s.execute('hsm fail us-east-1');
    const refused = call(s.execute('kms encrypt --key-id $key.KeyMetadata.KeyId --plaintext hi'));
    expect(!refused.outcome.ok && refused.outcome.error.code).toBe('KeyUnavailableException');
    s.execute('hsm recover us-east-1');
    expect(call(s.execute('kms encrypt --key-id $key.KeyMetadata.KeyId --plaintext hi')).outcome.ok).toBe(true);
    const status = s.execute('hsm status us-east-1');
    expect(status.kind === 'verb' && status.output).toEqual({ Regions: [{ Region: 'us-east-1', Up: [1, 2, 3], Down: [], RegionDown: false }] });
  });

  it.each([
    ['hsm', /Usage: hsm fail REGION/],
    ['hsm fail mars-north-1', /Unknown Region|not a Region|mars-north-1/],
    ['hsm fail us-east-1 x', /"x" is not an HSM number/],
    ['hsm fail us-east-1 7', /HSM 7 does not exist/],
  ])('refuses %s with a precise message', (line, message) => {
    expect(() => session().execute(line)).toThrow(message);
  });
});
