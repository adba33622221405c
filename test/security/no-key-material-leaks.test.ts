import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportTelemetry, TELEMETRY_FILES } from '../../src/engine/telemetry-export.js';
import { SimCore } from '../../src/sim/core.js';
import { copyKeyMaterialForLeakTest } from '../../src/sim/hsm/region-hsm.js';
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
});
