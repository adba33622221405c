/**
 * Shared helpers for simulator tests: a sandbox, outcome unwrapping and key set-up,
 * all through the facade (src/sim/index.ts).
 */
import { expect } from 'vitest';
import {
  createSandbox,
  type KmsErrorCode,
  type OperationOutput,
  type Outcome,
  type OutcomeError,
  type Sandbox,
  type SandboxOptions,
} from '../../src/sim/index.js';

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

/** A Region other than REGION, for checks that keys and aliases stay in their Region. */
export const OTHER_REGION = 'eu-west-1';

/** One day of virtual time, in milliseconds. */
export const DAY_MS = 86_400_000;

/** A well-formed key id that names no key. */
export const UNKNOWN_KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';

/** The forms that operations taking only a key id or key ARN accept (alias forms are DescribeKey's and crypto's). */
export const KEY_ID_FORMS = ['key id', 'key ARN'] as const satisfies readonly KeyReferenceForm[];

/**
 * The error of a failed outcome, checked against an AWS error code and, when given, a message
 * part (a string the message contains, or a pattern it matches).
 */
export function expectKmsError(outcome: Outcome<unknown>, code: KmsErrorCode, message?: string | RegExp): OutcomeError {
  const error = expectError(outcome);
  expect(error.code, error.message).toBe(code);
  if (typeof message === 'string') expect(error.message).toContain(message);
  else if (message) expect(error.message).toMatch(message);
  return error;
}

/** A key's KeyMetadata, from DescribeKey. */
export function describeTestKey(sandbox: Sandbox, keyId: string, region = REGION): OperationOutput<'DescribeKey'>['KeyMetadata'] {
  return expectOk(sandbox.call(region, sandbox.admin, 'DescribeKey', { KeyId: keyId })).KeyMetadata;
}

/** Schedules a key's deletion with a waiting period (7 days unless given). */
export function scheduleTestKeyDeletion(sandbox: Sandbox, key: TestKey, days = 7, region = REGION): void {
  expectOk(sandbox.call(region, sandbox.admin, 'ScheduleKeyDeletion', { KeyId: key.keyId, PendingWindowInDays: days }));
}

/** ListAliases entries without the predefined `alias/aws/*` aliases of AWS managed keys. */
export function customerAliases<T extends { AliasName?: string }>(aliases: readonly T[]): T[] {
  return aliases.filter((a) => !a.AliasName?.startsWith('alias/aws/'));
}
