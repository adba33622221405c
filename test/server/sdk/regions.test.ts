/**
 * One endpoint serves every Region: the Region is the one in each request's SigV4 credential
 * scope, so SDK clients configured for different Regions see separate sets of keys.
 */
import {
  CreateAliasCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  ListKeysCommand,
  ReEncryptCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSdkKey, expectSdkError, kmsClient, startEndpoint, type Endpoint } from '../../helpers/endpoint.js';

const ACCOUNT = '111122223333';
const CIPHERTEXT_ELSEWHERE =
  'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.';
const PLAINTEXT = new TextEncoder().encode('regional secret');

let endpoint: Endpoint;
let virginia: KMSClient;
let ireland: KMSClient;

beforeAll(async () => {
  endpoint = await startEndpoint({ sandboxOptions: { quotas: { enforce: false } } });
  virginia = kmsClient(endpoint.url, 'us-east-1');
  ireland = kmsClient(endpoint.url, 'eu-west-1');
});

afterAll(async () => {
  virginia?.destroy();
  ireland?.destroy();
  await endpoint?.close();
});

describe('Regions from the SigV4 scope', () => {
  it('creates each key in the Region of the client that made it, as its ARN says', async () => {
    const east = await createSdkKey(virginia);
    const west = await createSdkKey(ireland);

    expect(east.arn).toBe(`arn:aws:kms:us-east-1:${ACCOUNT}:key/${east.keyId}`);
    expect(west.arn).toBe(`arn:aws:kms:eu-west-1:${ACCOUNT}:key/${west.keyId}`);
    expect(endpoint.sandbox.keys('us-east-1').map((k) => k.keyId)).toContain(east.keyId);
    expect(endpoint.sandbox.keys('eu-west-1').map((k) => k.keyId)).toContain(west.keyId);
    expect(endpoint.sandbox.keys('eu-west-1').map((k) => k.keyId)).not.toContain(east.keyId);
  });

  it('hides a us-east-1 key from an eu-west-1 client: ListKeys leaves it out', async () => {
    const east = await createSdkKey(virginia);

    const inIreland = await ireland.send(new ListKeysCommand({}));
    const inVirginia = await virginia.send(new ListKeysCommand({}));

    expect(inIreland.Keys?.map((k) => k.KeyId)).not.toContain(east.keyId);
    expect(inVirginia.Keys?.map((k) => k.KeyId)).toContain(east.keyId);
  });

  it('answers an eu-west-1 DescribeKey for a us-east-1 key id with NotFoundException', async () => {
    const east = await createSdkKey(virginia);

    const error = await expectSdkError(ireland.send(new DescribeKeyCommand({ KeyId: east.keyId })), 'NotFoundException');

    expect(error.message).toBe(`Key 'arn:aws:kms:eu-west-1:${ACCOUNT}:key/${east.keyId}' does not exist`);
  });

  it('answers an eu-west-1 DescribeKey for a us-east-1 key ARN with NotFoundException', async () => {
    const east = await createSdkKey(virginia);

    const error = await expectSdkError(ireland.send(new DescribeKeyCommand({ KeyId: east.arn })), 'NotFoundException');

    expect(error.message).toBe('Invalid arn us-east-1');
  });

  it('keeps aliases per Region: one alias name names a different key in each', async () => {
    const east = await createSdkKey(virginia);
    const west = await createSdkKey(ireland);
    await virginia.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: east.keyId }));
    await ireland.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: west.keyId }));

    const inVirginia = await virginia.send(new DescribeKeyCommand({ KeyId: 'alias/app' }));
    const inIreland = await ireland.send(new DescribeKeyCommand({ KeyId: 'alias/app' }));

    expect(inVirginia.KeyMetadata?.Arn).toBe(east.arn);
    expect(inIreland.KeyMetadata?.Arn).toBe(west.arn);
  });

  it('refuses to decrypt a us-east-1 ciphertext in eu-west-1 with AccessDeniedException', async () => {
    const east = await createSdkKey(virginia);
    const { CiphertextBlob } = await virginia.send(new EncryptCommand({ KeyId: east.keyId, Plaintext: PLAINTEXT }));

    const error = await expectSdkError(ireland.send(new DecryptCommand({ CiphertextBlob })), 'AccessDeniedException');

    expect(error.message).toBe(CIPHERTEXT_ELSEWHERE);
    const home = await virginia.send(new DecryptCommand({ CiphertextBlob }));
    expect(home.Plaintext).toEqual(PLAINTEXT);
  });

  it('refuses to re-encrypt a us-east-1 ciphertext in eu-west-1 with AccessDeniedException', async () => {
    const east = await createSdkKey(virginia);
    const west = await createSdkKey(ireland);
    const { CiphertextBlob } = await virginia.send(new EncryptCommand({ KeyId: east.keyId, Plaintext: PLAINTEXT }));

    const error = await expectSdkError(ireland.send(new ReEncryptCommand({ CiphertextBlob, DestinationKeyId: west.keyId })), 'AccessDeniedException');

    expect(error.message).toBe(CIPHERTEXT_ELSEWHERE);
  });

  it.each(['ap-southeast-2', 'sa-east-1'])('serves %s from the same endpoint', async (region) => {
    const client = kmsClient(endpoint.url, region);
    try {
      const key = await createSdkKey(client);

      expect(key.arn).toBe(`arn:aws:kms:${region}:${ACCOUNT}:key/${key.keyId}`);
      expect((await client.send(new DescribeKeyCommand({ KeyId: key.keyId }))).KeyMetadata?.KeyState).toBe('Enabled');
    } finally {
      client.destroy();
    }
  });

  it('refuses a Region the sandbox does not simulate with UnrecognizedClientException', async () => {
    const client = kmsClient(endpoint.url, 'xx-nowhere-1');
    try {
      await expectSdkError(client.send(new ListKeysCommand({})), 'UnrecognizedClientException', "The Region 'xx-nowhere-1' is not one the sandbox simulates.");
    } finally {
      client.destroy();
    }
  });
});
