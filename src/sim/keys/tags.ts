import { KmsError } from '../errors.js';

/** A tag as the KMS API carries it. */
export interface Tag {
  TagKey: string;
  TagValue: string;
}

/** The most tags a KMS key can have. https://docs.aws.amazon.com/kms/latest/developerguide/tagging-keys.html */
export const MAX_TAGS_PER_KEY = 50;

/**
 * Checks new tags against AWS's rules (no duplicate keys in one request, no `aws:` prefix,
 * at most 50 per key counting the key's existing tags); throws TagException.
 */
export function checkTags(tags: readonly Tag[], existing: ReadonlyMap<string, string> = new Map()): void {
  const keys = tags.map((t) => t.TagKey);
  if (new Set(keys).size !== keys.length) throw new KmsError('TagException', 'Duplicate tag keys');
  if (keys.some((k) => k.toLowerCase().startsWith('aws:'))) throw new KmsError('TagException', 'Tags beginning with aws: are reserved');
  const total = new Set([...existing.keys(), ...keys]).size;
  if (total > MAX_TAGS_PER_KEY) throw new KmsError('TagException', 'Too many tags');
}
