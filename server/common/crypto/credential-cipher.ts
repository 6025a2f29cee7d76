import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const TAG_BYTES = 16;

/**
 * AES-256-GCM (authenticated) encryption of stored credentials, with the key id in the output so
 * keys can rotate: new writes use the current key, old rows still decrypt with theirs.
 * Format: `v1:<keyId>:<iv b64>:<tag b64>:<ciphertext b64>`. The tenant id is bound as associated
 * data, so a ciphertext copied into another tenant's row does not decrypt.
 */
export class CredentialCipher {
  private readonly keys: Map<string, Buffer>;

  constructor(
    private readonly currentKeyId: string,
    keys: Record<string, string>,
  ) {
    this.keys = new Map(Object.entries(keys).map(([id, b64]) => [id, Buffer.from(b64, 'base64')]));
    if (!this.keys.has(currentKeyId)) throw new Error(`Encryption key "${currentKeyId}" is not configured`);
  }

  encrypt(plaintext: string, tenantId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(Buffer.from(tenantId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', this.currentKeyId, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
  }

  decrypt(payload: string, tenantId: string): string {
    const [version, keyId, iv, tag, ciphertext] = payload.split(':');
    if (version !== 'v1' || !ciphertext) throw new Error('Stored credentials are not in a known format');
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`Stored credentials use encryption key "${keyId}", which is no longer configured`);
    const authTag = Buffer.from(tag ?? '', 'base64');
    // A shorter tag would let a forger try far fewer guesses; Node accepts down to 4 bytes unless told.
    if (authTag.length !== TAG_BYTES) throw new Error('Stored credentials carry an authentication tag of the wrong length');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(tenantId, 'utf8'));
    decipher.setAuthTag(authTag);
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
  }

  /** The key id a payload was written with (rotation re-encrypts rows whose id is not the current one). */
  keyIdOf(payload: string): string | undefined {
    return payload.split(':')[1];
  }

  isCurrent(payload: string): boolean {
    return this.keyIdOf(payload) === this.currentKeyId;
  }
}
