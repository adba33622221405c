/**
 * Every operation in the registry is tested through the AWS SDK v3: each belongs to one
 * operation group, whose test file checks at its end that the SDK called each of its operations
 * with a success and an AWS error. A new operation fails here until a group takes it, and fails
 * in that group's file until it has SDK tests.
 */
import { readFileSync } from 'node:fs';
import * as sdk from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/sim/index.js';
import { kmsClient, startEndpoint, type Endpoint } from '../../helpers/endpoint.js';
import { OPERATION_GROUPS, SdkCallRecorder, type OperationGroup } from './sdk-coverage.js';

const REGISTRY = createSandbox().operations.map((op) => op.name);
const GROUPED = Object.values(OPERATION_GROUPS).flat();

type CommandClass = new (input: object) => Parameters<sdk.KMSClient['send']>[0];

function sdkCommand(operation: string): CommandClass | undefined {
  return (sdk as unknown as Record<string, CommandClass | undefined>)[`${operation}Command`];
}

describe('SDK test coverage of the registry', () => {
  it('puts every registry operation in exactly one group', () => {
    expect(REGISTRY.length).toBeGreaterThanOrEqual(24);
    expect([...GROUPED].sort()).toEqual([...REGISTRY].sort());
    expect(new Set(GROUPED).size).toBe(GROUPED.length);
  });

  it.each(Object.keys(OPERATION_GROUPS) as OperationGroup[])('has a %s.test.ts that checks its operations were exercised', (group) => {
    const source = readFileSync(new URL(`./${group}.test.ts`, import.meta.url), 'utf8');

    expect(source).toContain(`recorder.expectGroupExercised('${group}')`);
    expect(source).toContain('server: { onCall: recorder.onCall }');
    for (const operation of OPERATION_GROUPS[group]) expect(source, operation).toContain(`describe('${operation}'`);
  });

  it.each(REGISTRY)('finds %sCommand in @aws-sdk/client-kms', (operation) => {
    expect(sdkCommand(operation)).toEqual(expect.any(Function));
  });
});

describe('The endpoint serves the whole registry', () => {
  const recorder = new SdkCallRecorder();
  const exercised = new Set<string>();
  let endpoint: Endpoint;
  let kms: sdk.KMSClient;

  beforeAll(async () => {
    endpoint = await startEndpoint({ sandboxOptions: { quotas: { enforce: false } }, server: { onCall: recorder.onCall } });
    kms = kmsClient(endpoint.url);
  });

  afterAll(async () => {
    kms?.destroy();
    await endpoint?.close();
  });

  it('answers every registry operation sent by the SDK with an empty input, none as unknown', async () => {
    for (const operation of endpoint.sandbox.operations.map((op) => op.name)) {
      const Command = sdkCommand(operation);
      if (!Command) return expect.fail(`no ${operation}Command in the SDK`);
      const outcome = await kms.send(new Command({})).then(
        (output: { $metadata: { httpStatusCode?: number } }) => ({ status: output.$metadata.httpStatusCode, code: undefined }),
        (error: sdk.KMSServiceException) => ({ status: error.$metadata.httpStatusCode, code: error.name }),
      );
      expect(outcome.code, operation).not.toBe('UnknownOperationException');
      expect([200, 400], operation).toContain(outcome.status);
      exercised.add(operation);
    }

    expect([...exercised].sort()).toEqual([...REGISTRY].sort());
    expect([...recorder.exercised.keys()].sort()).toEqual([...REGISTRY].sort());
  });
});
