import { randomBytes } from 'node:crypto';
import { CredentialCipher } from './credential-cipher';

const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('base64');

describe('CredentialCipher', () => {
  const secret = '{"clientId":"abc","clientSecret":"super-secret-value"}';

  it('round-trips and never contains the plaintext', () => {
    const cipher = new CredentialCipher('k1', { k1 });
    const sealed = cipher.encrypt(secret, 'tenant-a');
    expect(sealed).not.toContain('super-secret-value');
    expect(sealed.startsWith('v1:k1:')).toBe(true);
    expect(cipher.decrypt(sealed, 'tenant-a')).toBe(secret);
  });

  it('uses a fresh IV each time', () => {
    const cipher = new CredentialCipher('k1', { k1 });
    expect(cipher.encrypt(secret, 't')).not.toBe(cipher.encrypt(secret, 't'));
  });

  it('does not decrypt with the wrong key or for another tenant', () => {
    const sealed = new CredentialCipher('k1', { k1 }).encrypt(secret, 'tenant-a');
    expect(() => new CredentialCipher('k1', { k1: k2 }).decrypt(sealed, 'tenant-a')).toThrow();
    expect(() => new CredentialCipher('k1', { k1 }).decrypt(sealed, 'tenant-b')).toThrow();
  });

  it('detects tampering', () => {
    const cipher = new CredentialCipher('k1', { k1 });
    const parts = cipher.encrypt(secret, 't').split(':');
    const ct = Buffer.from(parts[4], 'base64');
    ct[0] ^= 1;
    parts[4] = ct.toString('base64');
    expect(() => cipher.decrypt(parts.join(':'), 't')).toThrow();
  });

  it('rotates: new writes use the current key, old rows still decrypt', () => {
    const old = new CredentialCipher('k1', { k1 }).encrypt(secret, 't');
    const rotated = new CredentialCipher('k2', { k1, k2 });
    expect(rotated.decrypt(old, 't')).toBe(secret);
    expect(rotated.isCurrent(old)).toBe(false);
    const fresh = rotated.encrypt(secret, 't');
    expect(rotated.keyIdOf(fresh)).toBe('k2');
    expect(() => new CredentialCipher('k2', { k2 }).decrypt(old, 't')).toThrow(/no longer configured/);
  });
});
