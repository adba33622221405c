import { createHash, createPrivateKey, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportTelemetry, TELEMETRY_FILES } from '../../src/engine/telemetry-export.js';
import { SimCore } from '../../src/sim/core.js';
import { copyKeyMaterialForLeakTest } from '../../src/sim/hsm/region-hsm.js';
import { wrapKeyMaterial } from '../helpers/key-import.js';
import {
  createSandbox,
  type OperationInput,
  type OperationName,
  type OperationOutput,
  type Outcome,
  type Sandbox,
} from '../../src/sim/index.js';

const DAY_MS = 86_400_000;
const HOME = 'us-east-1';
const AWAY = 'eu-west-1';

/** A secret and what it is, for failure messages. */
interface Secret {
  readonly label: string;
  readonly bytes: Buffer;
}

/** A place secrets must never reach: a file, a record or a message, as text or bytes. */
interface Haystack {
  readonly label: string;
  readonly content: string | Buffer;
}

/**
 * The text forms a secret could take when written down: hex (both cases), base64 and
 * base64url at each of the three byte alignments (so a secret inside a longer encoded blob is
 * found too), and the decimal byte list that JSON.stringify makes of a Buffer.
 */
function encodedForms(secret: Buffer): Map<string, string> {
  const forms = new Map<string, string>([
    ['hex', secret.toString('hex')],
    ['HEX', secret.toString('hex').toUpperCase()],
    ['decimal byte list', [...secret].join(',')],
  ]);
  for (const shift of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(shift), secret]).toString('base64');
    // Drop the characters that mix in the padding bytes before, and the last group after.
    const core = encoded.slice(shift === 0 ? 0 : shift + 1, -4);
    forms.set(`base64 (offset ${shift})`, core);
    forms.set(`base64url (offset ${shift})`, core.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return forms;
}

/** Names the form in which `secret` appears in `haystack`, or undefined when it does not. */
function findSecret(haystack: string | Buffer, secret: Buffer): string | undefined {
  const bytes = typeof haystack === 'string' ? [Buffer.from(haystack, 'utf8'), Buffer.from(haystack, 'latin1')] : [haystack];
  if (bytes.some((b) => b.includes(secret))) return 'raw bytes';
  for (const [form, text] of encodedForms(secret)) {
    if (bytes.some((b) => b.includes(Buffer.from(text, 'utf8')))) return form;
  }
  return undefined;
}

/** Every leak of any secret into any haystack, as readable lines. */
function leaks(haystacks: readonly Haystack[], secrets: readonly Secret[]): string[] {
  const found: string[] = [];
  for (const haystack of haystacks) {
    for (const secret of secrets) {
      const form = findSecret(haystack.content, secret.bytes);
      if (form) found.push(`${secret.label} found in ${haystack.label} as ${form}`);
    }
  }
  return found;
}

/** A value as haystacks: its JSON, plus the raw bytes of every byte array inside it. */
function haystacksOf(label: string, value: unknown): Haystack[] {
  const out: Haystack[] = [{ label, content: JSON.stringify(value) ?? '' }];
  const walk = (v: unknown, path: string): void => {
    if (v instanceof Uint8Array) out.push({ label: `${label}${path}`, content: Buffer.from(v) });
    else if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${path}[${i}]`));
    else if (typeof v === 'object' && v !== null) for (const [k, item] of Object.entries(v)) walk(item, `${path}.${k}`);
  };
  walk(value, '');
  return out;
}

/** Every file under a directory, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : Promise.resolve(e.isFile() ? [join(dir, e.name)] : []))),
  );
  return nested.flat();
}

/**
 * A sandbox made through the public facade, plus its SimCore, which the facade hides and which
 * holds every Region's HSM. The core is the `this` of the facade's own `core.region()` call.
 */
function sandboxWithCore(): { sandbox: Sandbox; core: SimCore } {
  const regionSpy = vi.spyOn(SimCore.prototype, 'region');
  try {
    const sandbox = createSandbox({ quotas: { enforce: false } });
    sandbox.keys(HOME);
    const core = regionSpy.mock.contexts.find((c): c is SimCore => c instanceof SimCore);
    if (!core) throw new Error('the facade did not reach its SimCore through region()');
    return { sandbox, core };
  } finally {
    regionSpy.mockRestore();
  }
}

/** Copies of every key material version in every Region's HSM, labelled by Region. */
function allKeyMaterial(core: SimCore): Secret[] {
  return [...core.regions.values()].flatMap((region) =>
    copyKeyMaterialForLeakTest(region.hsm).map((bytes, i) => ({ label: `key material #${i} of ${region.name}`, bytes })),
  );
}

/** Records every call of a session and its outcome. */
class Session {
  readonly outcomes: { readonly label: string; readonly outcome: Outcome<unknown> }[] = [];
  /** How many calls were meant to fail. */
  expectedFailures = 0;

  constructor(readonly sandbox: Sandbox) {}

  call<N extends OperationName>(region: string, operation: N, input: OperationInput<N>): Outcome<OperationOutput<N>> {
    const outcome = this.sandbox.call(region, this.sandbox.admin, operation, input);
    this.outcomes.push({ label: `${operation} in ${region} (#${this.outcomes.length})`, outcome });
    return outcome;
  }

  /** Calls an operation that must succeed; returns its output. */
  ok<N extends OperationName>(region: string, operation: N, input: OperationInput<N>): OperationOutput<N> {
    const outcome = this.call(region, operation, input);
    if (!outcome.ok) throw new Error(`${operation} failed: ${outcome.error.code}: ${outcome.error.message}`);
    return outcome.output;
  }

  /** Calls an operation that must fail with `code`. */
  fails<N extends OperationName>(region: string, operation: N, input: OperationInput<N>, code: string): void {
    this.expectFailure(operation, this.call(region, operation, input), code);
  }

  /** Sends an input of the wrong shape, as a hand-written client might; it must fail with `code`. */
  failsUntyped(region: string, operation: OperationName, input: unknown, code: string): void {
    const outcome = this.sandbox.call(region, this.sandbox.admin, operation as string, input);
    this.outcomes.push({ label: `${operation} in ${region} (#${this.outcomes.length}, mistyped)`, outcome });
    this.expectFailure(operation, outcome, code);
  }

  private expectFailure(operation: string, outcome: Outcome<unknown>, code: string): void {
    this.expectedFailures += 1;
    expect(outcome.ok ? 'success' : outcome.error.code, `${operation} should fail with ${code}`).toBe(code);
  }
}

let tempDir: string | undefined;
afterEach(async () => {
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
  tempDir = undefined;
});

describe('the leak search', () => {
  const material = randomBytes(32);

  it.each([
    ['raw bytes in a file', Buffer.concat([randomBytes(7), material, randomBytes(5)])],
    ['hex in a record', JSON.stringify({ note: `k=${material.toString('hex')}` })],
    ['upper-case hex in a message', `material ${material.toString('hex').toUpperCase()}`],
    ['base64 inside a longer blob, offset 0', Buffer.concat([randomBytes(3), material, randomBytes(4)]).toString('base64')],
    ['base64 inside a longer blob, offset 1', Buffer.concat([randomBytes(1), material, randomBytes(4)]).toString('base64')],
    ['base64 inside a longer blob, offset 2', Buffer.concat([randomBytes(2), material, randomBytes(4)]).toString('base64')],
    ['base64url inside a longer blob', Buffer.concat([randomBytes(1), material, randomBytes(2)]).toString('base64url')],
    ['a JSON-serialised Buffer', JSON.stringify({ key: material })],
    ['latin1 text', `x${material.toString('latin1')}y`],
  ])('finds key material planted as %s', (_form, haystack) => {
    expect(findSecret(haystack, material)).toBeDefined();
    expect(leaks([{ label: 'planted', content: haystack }], [{ label: 'material', bytes: material }])).toHaveLength(1);
  });

  it('finds nothing where the material is absent', () => {
    const other = randomBytes(32);
    const haystack = [other.toString('hex'), other.toString('base64'), JSON.stringify({ other }), material.subarray(0, 31).toString('hex')].join('\n');
    expect(findSecret(haystack, material)).toBeUndefined();
  });
});

describe('key material and plaintext', () => {
  it('never reach the telemetry, its export, error messages or outcomes during a full session', async () => {
    // Given a sandbox, reached through its facade, whose HSMs the test can read
    const { sandbox, core } = sandboxWithCore();
    const s = new Session(sandbox);
    const plaintexts: Secret[] = [
      { label: 'text plaintext', bytes: Buffer.from('card 4111-1111-1111-1111, expiry 12/29, holder A. Learner') },
      { label: 'binary plaintext', bytes: randomBytes(48) },
    ];
    const dataKeys: Secret[] = [];
    const context = { purpose: 'leak-test', tenant: 't-1' };

    // When a learner works through a session in two Regions
    const app = s.ok(HOME, 'CreateKey', { Description: 'app key' }).KeyMetadata;
    const archive = s.ok(HOME, 'CreateKey', { Description: 'archive key, to be deleted' }).KeyMetadata;
    const away = s.ok(AWAY, 'CreateKey', { Description: 'key in another Region' }).KeyMetadata;
    s.ok(HOME, 'CreateAlias', { AliasName: 'alias/app', TargetKeyId: app.KeyId });
    s.ok(AWAY, 'CreateAlias', { AliasName: 'alias/away', TargetKeyId: away.Arn });

    const ciphertexts: Uint8Array[] = [];
    for (const { bytes } of plaintexts) {
      const { CiphertextBlob } = s.ok(HOME, 'Encrypt', { KeyId: 'alias/app', Plaintext: bytes, EncryptionContext: context });
      ciphertexts.push(CiphertextBlob);
      const decrypted = s.ok(HOME, 'Decrypt', { CiphertextBlob, EncryptionContext: context });
      expect(Buffer.from(decrypted.Plaintext).equals(bytes)).toBe(true);
    }
    const [firstCiphertext = new Uint8Array()] = ciphertexts;
    const moved = s.ok(HOME, 'ReEncrypt', {
      CiphertextBlob: firstCiphertext,
      SourceEncryptionContext: context,
      DestinationKeyId: archive.Arn,
      DestinationEncryptionContext: { purpose: 'archive' },
    });
    const reDecrypted = s.ok(HOME, 'Decrypt', { CiphertextBlob: moved.CiphertextBlob, EncryptionContext: { purpose: 'archive' } });
    expect(Buffer.from(reDecrypted.Plaintext).equals(plaintexts[0]?.bytes ?? Buffer.alloc(0))).toBe(true);

    for (const [region, keyId] of [[HOME, 'alias/app'], [AWAY, 'alias/away']] as const) {
      const dataKey = s.ok(region, 'GenerateDataKey', { KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context });
      dataKeys.push({ label: `data key from ${region}`, bytes: Buffer.from(dataKey.Plaintext) });
      const unwrapped = s.ok(region, 'Decrypt', { CiphertextBlob: dataKey.CiphertextBlob, EncryptionContext: context });
      expect(Buffer.from(unwrapped.Plaintext).equals(Buffer.from(dataKey.Plaintext))).toBe(true);
    }
    const sealed = s.ok(HOME, 'GenerateDataKeyWithoutPlaintext', { KeyId: app.Arn, NumberOfBytes: 64 });
    const sealedKey = s.ok(HOME, 'Decrypt', { CiphertextBlob: sealed.CiphertextBlob });
    dataKeys.push({ label: 'data key made without plaintext', bytes: Buffer.from(sealedKey.Plaintext) });

    // … makes mistakes: validation errors (some carrying the plaintext), a wrong context, a wrong Region
    const text = plaintexts[0]?.bytes ?? Buffer.alloc(0);
    s.fails(HOME, 'Encrypt', { KeyId: app.KeyId, Plaintext: Buffer.concat([text, Buffer.alloc(4096)]) }, 'ValidationException');
    s.fails(HOME, 'Encrypt', { KeyId: app.KeyId, Plaintext: new Uint8Array() }, 'ValidationException');
    s.failsUntyped(HOME, 'Encrypt', { KeyId: app.KeyId, Plaintext: text.toString('utf8') }, 'ValidationException');
    s.failsUntyped(HOME, 'Encrypt', { KeyId: app.KeyId, Plaintext: text.toString('base64') }, 'ValidationException');
    s.fails(HOME, 'GenerateDataKey', { KeyId: app.KeyId }, 'ValidationException');
    s.fails(HOME, 'ScheduleKeyDeletion', { KeyId: app.KeyId, PendingWindowInDays: 3 }, 'ValidationException');
    s.fails(HOME, 'CreateAlias', { AliasName: 'alias/aws/reserved', TargetKeyId: app.KeyId }, 'NotAuthorizedException');
    s.fails(HOME, 'Decrypt', { CiphertextBlob: firstCiphertext, EncryptionContext: { purpose: 'something else' } }, 'InvalidCiphertextException');
    s.fails(AWAY, 'Decrypt', { CiphertextBlob: firstCiphertext, EncryptionContext: context }, 'AccessDeniedException');
    const tampered = Buffer.from(firstCiphertext);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 0xff;
    s.fails(HOME, 'Decrypt', { CiphertextBlob: tampered, EncryptionContext: context }, 'InvalidCiphertextException');

    // … disables one key and schedules another for deletion
    s.ok(AWAY, 'DisableKey', { KeyId: away.KeyId });
    s.fails(AWAY, 'Encrypt', { KeyId: 'alias/away', Plaintext: text }, 'DisabledException');
    s.ok(HOME, 'ScheduleKeyDeletion', { KeyId: archive.KeyId, PendingWindowInDays: 7 });
    s.fails(HOME, 'Decrypt', { CiphertextBlob: moved.CiphertextBlob, EncryptionContext: { purpose: 'archive' } }, 'KMSInvalidStateException');

    // Then every key material version is collected from every Region's HSM before any deletion
    const materials = allKeyMaterial(core);
    const expectedVersions = sandbox.keys().reduce((n, k) => n + k.keyMaterialIds.length, 0);
    expect(expectedVersions).toBeGreaterThanOrEqual(3);
    expect(materials).toHaveLength(expectedVersions);
    expect(new Set(materials.map((m) => m.bytes.toString('hex'))).size).toBe(materials.length);
    expect(materials.every((m) => m.bytes.length === 32 && m.bytes.some((b) => b !== 0))).toBe(true);

    // … and the clock runs past the deletion window
    const { fired } = sandbox.advanceClock(7 * DAY_MS);
    expect(fired).toEqual([`DeleteKey ${archive.KeyId}`]);
    s.fails(HOME, 'DescribeKey', { KeyId: archive.KeyId }, 'NotFoundException');
    expect(allKeyMaterial(core)).toHaveLength(materials.length - 1);
    expect(sandbox.events.items.map((e) => e['detail-type'])).toContain('KMS CMK Deletion');

    // … and the telemetry is exported to a fresh directory
    tempDir = await mkdtemp(join(tmpdir(), 'kms-sandbox-leak-'));
    const exportDir = join(tempDir, 'export');
    const written = await exportTelemetry(sandbox, exportDir);
    const files = await filesUnder(tempDir);
    expect(files.sort()).toEqual([...written].sort());
    expect(files).toHaveLength(Object.keys(TELEMETRY_FILES).length);
    const fileHaystacks: Haystack[] = await Promise.all(files.map(async (f) => ({ label: `file ${f}`, content: await readFile(f) })));
    const auditFile = fileHaystacks.find((h) => h.label.endsWith(TELEMETRY_FILES.audit));
    expect(auditFile?.content.toString().trim().split('\n')).toHaveLength(sandbox.audit.size);

    const failures = s.outcomes.flatMap(({ label, outcome }) => (outcome.ok ? [] : [{ label: `error of ${label}`, content: outcome.error.message }]));
    expect(failures).toHaveLength(s.expectedFailures);
    expect(failures.length).toBeGreaterThanOrEqual(12);
    const telemetry: Haystack[] = [
      ...sandbox.audit.items.flatMap((r, i) => haystacksOf(`audit record #${i} (${r.eventName})`, r)),
      ...sandbox.metrics.items.flatMap((d, i) => haystacksOf(`metric datum #${i} (${d.MetricName})`, d)),
      ...sandbox.events.items.flatMap((e, i) => haystacksOf(`event #${i} (${e['detail-type']})`, e)),
    ];
    const outputs = s.outcomes.flatMap(({ label, outcome }) => (outcome.ok ? haystacksOf(`output of ${label}`, outcome.output) : []));
    expect(sandbox.audit.size).toBe(s.outcomes.length + 1); // every call, plus KMS's own DeleteKey

    // Then no key material is anywhere: files, telemetry, error messages or outputs
    expect(leaks([...fileHaystacks, ...telemetry, ...failures, ...outputs], materials)).toEqual([]);
    // … and no plaintext or data key reached the files, the telemetry or an error message
    expect(leaks([...fileHaystacks, ...telemetry, ...failures], [...plaintexts, ...dataKeys])).toEqual([]);

    // The search is not vacuous: the same haystacks betray a secret planted in them
    const [someMaterial] = materials;
    if (!someMaterial) throw new Error('no key material collected');
    const planted = `${auditFile?.content.toString() ?? ''}${JSON.stringify({ leaked: someMaterial.bytes.toString('base64') })}\n`;
    expect(leaks([{ label: 'audit export with a planted secret', content: planted }], materials)).toHaveLength(1);
  });
  it('never reach them with asymmetric and HMAC keys and data key pairs either', async () => {
    // Given a sandbox whose HSMs the test can read
    const { sandbox, core } = sandboxWithCore();
    const s = new Session(sandbox);
    const message = Buffer.from('wire 25,000 EUR to IBAN DE89 3704 0044 0532 0130 00');
    const rsaPlaintext = { label: 'RSA plaintext', bytes: Buffer.from('a short secret for RSA-OAEP, 48 bytes long....') };
    const keyPairSecrets: Secret[] = [];
    const derivedSecrets: Secret[] = [];
    const create = (KeySpec: OperationInput<'CreateKey'>['KeySpec'], KeyUsage: OperationInput<'CreateKey'>['KeyUsage']) =>
      s.ok(HOME, 'CreateKey', { KeySpec, KeyUsage }).KeyMetadata;

    // When a learner signs, verifies, encrypts, agrees keys and MACs with every kind of key
    const wrapping = s.ok(HOME, 'CreateKey', { Description: 'wraps data key pairs' }).KeyMetadata;
    const signers = [
      [create('RSA_2048', 'SIGN_VERIFY'), 'RSASSA_PSS_SHA_256'],
      [create('RSA_3072', 'SIGN_VERIFY'), 'RSASSA_PKCS1_V1_5_SHA_384'],
      [create('ECC_NIST_P256', 'SIGN_VERIFY'), 'ECDSA_SHA_256'],
      [create('ECC_NIST_P521', 'SIGN_VERIFY'), 'ECDSA_SHA_512'],
      [create('ECC_SECG_P256K1', 'SIGN_VERIFY'), 'ECDSA_SHA_256'],
      [create('ECC_NIST_EDWARDS25519', 'SIGN_VERIFY'), 'ED25519_SHA_512'],
    ] as const;
    for (const [key, algorithm] of signers) {
      s.ok(HOME, 'GetPublicKey', { KeyId: key.KeyId });
      const { Signature } = s.ok(HOME, 'Sign', { KeyId: key.KeyId, Message: message, SigningAlgorithm: algorithm });
      s.ok(HOME, 'Verify', { KeyId: key.KeyId, Message: message, Signature, SigningAlgorithm: algorithm });
      const tampered = Buffer.from(Signature);
      tampered[8] = (tampered[8] ?? 0) ^ 0xff;
      s.fails(HOME, 'Verify', { KeyId: key.KeyId, Message: message, Signature: tampered, SigningAlgorithm: algorithm }, 'KMSInvalidSignatureException');
      s.fails(HOME, 'Sign', { KeyId: key.KeyId, Message: message, MessageType: 'DIGEST', SigningAlgorithm: algorithm }, 'ValidationException');
    }
    const ed25519 = signers[5][0];
    const digest = createHash('sha512').update(message).digest();
    s.ok(HOME, 'Sign', { KeyId: ed25519.KeyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'ED25519_PH_SHA_512' });
    s.fails(HOME, 'Sign', { KeyId: ed25519.KeyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }, 'InvalidKeyUsageException');

    const rsa = create('RSA_2048', 'ENCRYPT_DECRYPT');
    const { CiphertextBlob: rsaCiphertext } = s.ok(HOME, 'Encrypt', { KeyId: rsa.KeyId, Plaintext: rsaPlaintext.bytes, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' });
    const rsaDecrypted = s.ok(HOME, 'Decrypt', { KeyId: rsa.KeyId, CiphertextBlob: rsaCiphertext, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' });
    expect(Buffer.from(rsaDecrypted.Plaintext).equals(rsaPlaintext.bytes)).toBe(true);
    s.fails(HOME, 'Decrypt', { KeyId: rsa.KeyId, CiphertextBlob: rsaCiphertext, EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' }, 'InvalidCiphertextException');
    s.fails(HOME, 'Encrypt', { KeyId: rsa.KeyId, Plaintext: Buffer.concat([rsaPlaintext.bytes, Buffer.alloc(200)]), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }, 'ValidationException');
    s.fails(HOME, 'ReEncrypt', { CiphertextBlob: rsaCiphertext, SourceKeyId: rsa.KeyId, DestinationKeyId: wrapping.KeyId }, 'InvalidCiphertextException');

    const agreement = create('ECC_NIST_P384', 'KEY_AGREEMENT');
    const peerKeyPair = s.ok(HOME, 'GenerateDataKeyPair', { KeyId: wrapping.KeyId, KeyPairSpec: 'ECC_NIST_P384' });
    const { SharedSecret } = s.ok(HOME, 'DeriveSharedSecret', { KeyId: agreement.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peerKeyPair.PublicKey });
    derivedSecrets.push({ label: 'ECDH shared secret', bytes: Buffer.from(SharedSecret) });
    s.fails(HOME, 'DeriveSharedSecret', { KeyId: agreement.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: Buffer.from('not a key') }, 'ValidationException');

    const hmac = create('HMAC_256', 'GENERATE_VERIFY_MAC');
    const { Mac } = s.ok(HOME, 'GenerateMac', { KeyId: hmac.KeyId, Message: message, MacAlgorithm: 'HMAC_SHA_256' });
    s.ok(HOME, 'VerifyMac', { KeyId: hmac.KeyId, Message: message, Mac, MacAlgorithm: 'HMAC_SHA_256' });
    s.fails(HOME, 'VerifyMac', { KeyId: hmac.KeyId, Message: Buffer.from('other'), Mac, MacAlgorithm: 'HMAC_SHA_256' }, 'KMSInvalidMacException');
    s.fails(HOME, 'GenerateMac', { KeyId: hmac.KeyId, Message: message, MacAlgorithm: 'HMAC_SHA_512' }, 'InvalidKeyUsageException');

    // … imports HMAC material (a wrong length first), which the HSM then holds
    const imported = s.ok(HOME, 'CreateKey', { KeySpec: 'HMAC_384', KeyUsage: 'GENERATE_VERIFY_MAC', Origin: 'EXTERNAL' }).KeyMetadata;
    const hmacMaterial = randomBytes(96);
    for (const material of [randomBytes(20), hmacMaterial]) {
      const parameters = s.ok(HOME, 'GetParametersForImport', { KeyId: imported.KeyId, WrappingAlgorithm: 'RSA_AES_KEY_WRAP_SHA_256', WrappingKeySpec: 'RSA_3072' });
      const input = {
        KeyId: imported.KeyId,
        ImportToken: parameters.ImportToken,
        EncryptedKeyMaterial: wrapKeyMaterial(parameters.PublicKey, 'RSA_AES_KEY_WRAP_SHA_256', material),
        ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' as const,
      };
      if (material === hmacMaterial) s.ok(HOME, 'ImportKeyMaterial', input);
      else s.fails(HOME, 'ImportKeyMaterial', input, 'IncorrectKeyMaterialException');
    }
    s.ok(HOME, 'GenerateMac', { KeyId: imported.KeyId, Message: message, MacAlgorithm: 'HMAC_SHA_384' });

    // … and makes data key pairs, opening the sealed ones with Decrypt
    const pairs = [peerKeyPair];
    for (const KeyPairSpec of ['RSA_2048', 'ECC_NIST_P256', 'ECC_SECG_P256K1', 'ECC_NIST_EDWARDS25519'] as const) {
      pairs.push(s.ok(HOME, 'GenerateDataKeyPair', { KeyId: wrapping.KeyId, KeyPairSpec, EncryptionContext: { pair: KeyPairSpec } }));
    }
    const sealed = s.ok(HOME, 'GenerateDataKeyPairWithoutPlaintext', { KeyId: wrapping.KeyId, KeyPairSpec: 'ECC_NIST_P521' });
    const opened = s.ok(HOME, 'Decrypt', { CiphertextBlob: sealed.PrivateKeyCiphertextBlob });
    s.fails(HOME, 'Decrypt', { CiphertextBlob: pairs[1]?.PrivateKeyCiphertextBlob ?? new Uint8Array(), EncryptionContext: { pair: 'wrong' } }, 'InvalidCiphertextException');
    for (const [label, pkcs8] of [...pairs.map((p) => [`data key pair ${p.KeyPairSpec}`, p.PrivateKeyPlaintext] as const), ['sealed data key pair', opened.Plaintext] as const]) {
      const der = Buffer.from(pkcs8 ?? []);
      keyPairSecrets.push({ label: `${label} (PKCS #8)`, bytes: der });
      const d = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ format: 'jwk' }).d;
      if (d) keyPairSecrets.push({ label: `${label} (private scalar)`, bytes: Buffer.from(d, 'base64url') });
    }
    expect(keyPairSecrets).toHaveLength(12);

    // Then the HSMs hold a PKCS #8 key and a private scalar per key pair, and the HMAC and AES bytes
    const materials = allKeyMaterial(core);
    const keys = sandbox.keys();
    const pairKeys = keys.filter((k) => /^(RSA|ECC)_/.test(k.keySpec)).length;
    expect(pairKeys).toBe(8);
    expect(materials).toHaveLength(2 * pairKeys + (keys.length - pairKeys));
    expect(materials.some((m) => m.bytes.equals(hmacMaterial))).toBe(true);
    expect(new Set(materials.map((m) => m.bytes.toString('hex'))).size).toBe(materials.length);

    // … and once the telemetry is exported, no secret is in the files, the records or an error message
    tempDir = await mkdtemp(join(tmpdir(), 'kms-sandbox-leak-'));
    const written = await exportTelemetry(sandbox, join(tempDir, 'export'));
    const fileHaystacks: Haystack[] = await Promise.all(written.map(async (f) => ({ label: `file ${f}`, content: await readFile(f) })));
    expect(fileHaystacks).toHaveLength(Object.keys(TELEMETRY_FILES).length);
    const failures = s.outcomes.flatMap(({ label, outcome }) => (outcome.ok ? [] : [{ label: `error of ${label}`, content: outcome.error.message }]));
    expect(failures).toHaveLength(s.expectedFailures);
    expect(failures.length).toBeGreaterThanOrEqual(20);
    const telemetry: Haystack[] = [
      ...sandbox.audit.items.flatMap((r, i) => haystacksOf(`audit record #${i} (${r.eventName})`, r)),
      ...sandbox.metrics.items.flatMap((d, i) => haystacksOf(`metric datum #${i} (${d.MetricName})`, d)),
      ...sandbox.events.items.flatMap((e, i) => haystacksOf(`event #${i} (${e['detail-type']})`, e)),
    ];
    expect(sandbox.audit.size).toBe(s.outcomes.length);
    const outputs = s.outcomes.flatMap(({ label, outcome }) => (outcome.ok ? haystacksOf(`output of ${label}`, outcome.output) : []));
    // KMS key material is nowhere, not even in outputs
    expect(leaks([...fileHaystacks, ...telemetry, ...failures, ...outputs], materials)).toEqual([]);
    // Data key pairs' private keys, the ECDH secret and the RSA plaintext appear in no file, record or error
    expect(leaks([...fileHaystacks, ...telemetry, ...failures], [...keyPairSecrets, ...derivedSecrets, rsaPlaintext])).toEqual([]);

    // The search is not vacuous: a private scalar planted in the audit export is found
    const scalar = materials.find((m) => m.bytes.length === 66);
    if (!scalar) throw new Error('no P-521 private scalar collected');
    const planted = `${fileHaystacks[0]?.content.toString() ?? ''}${JSON.stringify({ leaked: scalar.bytes.toString('base64') })}\n`;
    expect(leaks([{ label: 'export with a planted scalar', content: planted }], [scalar])).toHaveLength(1);
  });
});
