/**
 * Shared helpers for simulator tests: a sandbox, outcome unwrapping and key set-up,
 * all through the facade (src/sim/index.ts).
 */
import { expect } from 'vitest';
import { createSandbox, type Outcome, type OutcomeError, type Sandbox, type SandboxOptions } from '../../src/sim/index.js';

/** The Region tests use unless they are about Regions. */
export const REGION = 'us-east-1';

/** A fresh sandbox with request quotas off, so set-up calls are never throttled. */
export function testSandbox(options: SandboxOptions = {}): Sandbox {
  return createSandbox({ quotas: { enforce: false }, ...options });
}

/** The output of a successful outcome; fails the test with the AWS error otherwise. */
export function expectOk<O>(outcome: Outcome<O>): O {
  if (!outcome.ok) expect.fail(`expected success, got ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.output;
}

/** The error of a failed outcome; fails the test when the call succeeded. */
export function expectError(outcome: Outcome<unknown>): OutcomeError {
  if (outcome.ok) expect.fail(`expected an error, got ${JSON.stringify(outcome.output)}`);
  return outcome.error;
}

/** A key made for a test: its id and ARN. */
export interface TestKey {
  readonly keyId: string;
  readonly arn: string;
}

/** Creates a symmetric encryption key in a Region as the administrator. */
export function createTestKey(sandbox: Sandbox, region = REGION, description = 'test key'): TestKey {
  const { KeyMetadata } = expectOk(sandbox.call(region, sandbox.admin, 'CreateKey', { Description: description }));
  return { keyId: KeyMetadata.KeyId, arn: KeyMetadata.Arn };
}

/** Creates an alias for a key; returns the alias name. */
export function createTestAlias(sandbox: Sandbox, key: TestKey, aliasName: string, region = REGION): string {
  expectOk(sandbox.call(region, sandbox.admin, 'CreateAlias', { AliasName: aliasName, TargetKeyId: key.keyId }));
  return aliasName;
}

/** The four ways a KeyId parameter can name a key. */
export const KEY_REFERENCE_FORMS = ['key id', 'key ARN', 'alias name', 'alias ARN'] as const;
/** One of the four ways to name a key. */
export type KeyReferenceForm = (typeof KEY_REFERENCE_FORMS)[number];

/** The KeyId text that names `key` in the given form; the alias forms use `aliasName`. */
export function keyReference(key: TestKey, form: KeyReferenceForm, aliasName: string): string {
  const arnPrefix = key.arn.slice(0, key.arn.indexOf(':key/') + 1);
  switch (form) {
    case 'key id':
      return key.keyId;
    case 'key ARN':
      return key.arn;
    case 'alias name':
      return aliasName;
    case 'alias ARN':
      return `${arnPrefix}${aliasName}`;
  }
}
