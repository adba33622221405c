import { constants, createCipheriv, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import { ConsoleError } from './console-error.js';

const ALGORITHMS = ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'RSA_AES_KEY_WRAP_SHA_1', 'RSA_AES_KEY_WRAP_SHA_256'] as const;

/**
 * The learner's own key material for BYOK, as they would keep it outside AWS: `keymaterial new`
 * makes random bytes (32 by default) under a name (never printed: it stays in the session's memory), and
 * `keymaterial wrap` wraps it with a wrapping public key from GetParametersForImport, exactly as
 * AWS's instructions do with OpenSSL (RSA-OAEP, or RSA-OAEP of an AES key + AES key wrap with
 * padding, RFC 5649). https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-encrypt-key-material.html
 */
export class KeyMaterialBox {
  readonly #materials = new Map<string, Buffer>();

  /**
   * Makes new material under a name, 32 bytes unless `bytesText` says otherwise (HMAC keys take
   * 28 to 128 bytes by spec); returns what may be shown of it (its size, not its bytes).
   */
  create(name: string, bytesText = '32'): Record<string, unknown> {
    if (!/^[A-Za-z_][\w-]*$/.test(name)) throw new ConsoleError(`"${name}" is not a name: use letters, digits, _ and -.`);
    const bytes = /^\d+$/.test(bytesText) ? Number(bytesText) : Number.NaN;
    if (!(bytes >= 16 && bytes <= 128)) throw new ConsoleError(`--bytes must be a whole number from 16 to 128 (32 for symmetric keys; HMAC_256 takes 32–64); got "${bytesText}".`);
    this.#materials.set(name, randomBytes(bytes));
    return { KeyMaterial: name, Bytes: bytes, Note: 'Kept in this session only; never printed. Wrap it with "keymaterial wrap".' };
  }

  /** Wraps named material with a wrapping public key (DER SPKI) and algorithm. */
  wrap(name: string, publicKey: unknown, algorithm: unknown): Record<string, unknown> {
    const material = this.#materials.get(name);
    if (!material) throw new ConsoleError(`No key material named "${name}". Make it with "keymaterial new ${name}".`);
    if (!(publicKey instanceof Uint8Array)) throw new ConsoleError('--public-key expects the PublicKey of GetParametersForImport, e.g. $params.PublicKey.');
    if (typeof algorithm !== 'string' || !(ALGORITHMS as readonly string[]).includes(algorithm))
      throw new ConsoleError(`--wrapping-algorithm must be one of ${ALGORITHMS.join(', ')}.`);
    let key;
    try {
      key = createPublicKey({ key: Buffer.from(publicKey), format: 'der', type: 'spki' });
    } catch {
      throw new ConsoleError('--public-key is not a DER public key (use $params.PublicKey from GetParametersForImport).');
    }
    const oaep = { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: algorithm.endsWith('SHA_1') ? 'sha1' : 'sha256' };
    if (algorithm.startsWith('RSAES_OAEP')) return { EncryptedKeyMaterial: publicEncrypt(oaep, material) };
    const aesKey = randomBytes(32);
    const cipher = createCipheriv('id-aes256-wrap-pad', aesKey, Buffer.from('A65959A6', 'hex'));
    const wrapped = Buffer.concat([publicEncrypt(oaep, aesKey), cipher.update(material), cipher.final()]);
    aesKey.fill(0);
    return { EncryptedKeyMaterial: wrapped };
  }
}
