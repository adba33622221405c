import { open, seal } from '../sealing.js';
import type { EbsBlocks } from './ebs-state.js';

/** The size of the blocks the sandbox keeps of a volume (EBS direct APIs use 512 KiB; a sample is enough here). */
export const BLOCK_BYTES = 512;

/**
 * The bytes the sandbox writes on a new empty volume: a recognisable label in block 0, so that
 * snapshots, copies and restored volumes carry real bytes whose round trip tests can check.
 */
export function volumeLabel(volumeId: string, size: number, created: Date): Uint8Array {
  const block = Buffer.alloc(BLOCK_BYTES, 0);
  block.write(`kms-sandbox EBS volume ${volumeId}, ${size} GiB, created ${created.toISOString()}\n`, 'utf8');
  return block;
}

// Fidelity: EBS asks KMS for a 64-byte data key (NumberOfBytes 64: XTS-AES-256 takes two 256-bit
// keys) and encrypts sectors with XTS. The sandbox keeps the 64-byte key but encrypts its blocks
// with AES-256-GCM under the first 32 bytes, so a wrong key or a changed block is detected.
// https://docs.aws.amazon.com/kms/latest/developerguide/ct-ec2two.html
const GCM_KEY_BYTES = 32;

function aad(contextId: string, index: number): Buffer {
  return Buffer.from(`aws:ebs:id=${contextId};block=${index}`, 'utf8');
}

/** Encrypts plaintext blocks under a data key, each bound to the encryption context id and its index. */
export function sealBlocks(dataKey: Uint8Array, contextId: string, blocks: EbsBlocks): Uint8Array[] {
  const key = dataKey.subarray(0, GCM_KEY_BYTES);
  return blocks.map((block, index) => {
    const { iv, tag, ciphertext } = seal(key, block, aad(contextId, index));
    return Buffer.concat([iv, tag, ciphertext]);
  });
}

/** Decrypts blocks sealed by `sealBlocks`; throws when a block or the key is not the one used. */
export function openBlocks(dataKey: Uint8Array, contextId: string, blocks: EbsBlocks): Uint8Array[] {
  const key = dataKey.subarray(0, GCM_KEY_BYTES);
  return blocks.map((sealed, index) =>
    open(key, { iv: sealed.subarray(0, 12), tag: sealed.subarray(12, 28), ciphertext: sealed.subarray(28) }, aad(contextId, index)),
  );
}
