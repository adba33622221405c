import { KmsError } from '../errors.js';
import type { RegionState } from '../regions/region-state.js';
import { aliasArn, keyArn, type KmsKey } from './kms-key.js';

const KEY_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const ARN = /^arn:aws:kms:([a-z0-9-]+):(\d{12}):(key\/[^/]+|alias\/.+)$/;

/** Tells whether text has the form of a key id (a UUID, or `mrk-` + 32 hex for multi-Region keys). */
export function isKeyIdFormat(text: string): boolean {
  return KEY_ID.test(text);
}

/**
 * Which forms a KeyId parameter accepts. Cryptographic operations and DescribeKey take a key id,
 * key ARN, alias name or alias ARN; most management operations take only a key id or key ARN.
 */
export type KeyReference = 'keyOrAlias' | 'keyOnly';

/**
 * Finds the key that a KeyId parameter names in a Region, with AWS's NotFoundException wording
 * for each miss. An alias where only a key id or key ARN is accepted is an invalid key id.
 */
export function resolveKey(region: RegionState, accountId: string, text: string, accepts: KeyReference): KmsKey {
  const arn = ARN.exec(text);
  if (arn) {
    const [, arnRegion = '', arnAccount = '', resource = ''] = arn;
    if (arnRegion !== region.name) throw new KmsError('NotFoundException', `Invalid arn ${arnRegion}`);
    if (arnAccount !== accountId) throw notFoundKey(text);
    if (!resource.startsWith('alias/')) return byKeyId(region, accountId, resource.slice(4), text);
    if (accepts === 'keyOnly') throw invalidKeyId(text);
    return byAlias(region, accountId, resource);
  }
  if (text.startsWith('arn:')) throw new KmsError('NotFoundException', `Invalid arn ${text}`);
  if (text.startsWith('alias/')) {
    if (accepts === 'keyOnly') throw invalidKeyId(text);
    return byAlias(region, accountId, text);
  }
  return byKeyId(region, accountId, text, text);
}

function byKeyId(region: RegionState, accountId: string, keyId: string, asGiven: string): KmsKey {
  if (!isKeyIdFormat(keyId)) throw invalidKeyId(asGiven);
  const key = region.keys.get(keyId);
  if (!key) throw notFoundKey(keyArn(region.name, accountId, keyId));
  return key;
}

function byAlias(region: RegionState, accountId: string, aliasName: string): KmsKey {
  const alias = region.aliases.get(aliasName);
  const key = alias && region.keys.get(alias.targetKeyId);
  if (!key) throw new KmsError('NotFoundException', `Alias ${aliasArn(region.name, accountId, aliasName)} is not found.`);
  return key;
}

function invalidKeyId(text: string): KmsError {
  return new KmsError('NotFoundException', `Invalid keyId '${text}'`);
}

function notFoundKey(arn: string): KmsError {
  return new KmsError('NotFoundException', `Key '${arn}' does not exist`);
}
