import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretCipher } from '../../../server/src/identity/secret-cipher.js';

describe('secret encryption at rest', () => {
  const cipher = createSecretCipher(randomBytes(32));
  const secret = 'rq_sk_' + 'q'.repeat(43);

  it('round-trips and never stores the plaintext', () => {
    const stored = cipher.encrypt(secret, 'prj_a');
    expect(stored).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(stored).not.toContain('qqqq');
    expect(cipher.decrypt(stored, 'prj_a')).toBe(secret);
    expect(cipher.encrypt(secret, 'prj_a')).not.toBe(stored); // fresh IV each time
  });

  it('binds the ciphertext to its project', () => {
    expect(() => cipher.decrypt(cipher.encrypt(secret, 'prj_a'), 'prj_b')).toThrow('could not be decrypted');
  });

  it('refuses another master key, and tampering, without echoing anything secret', () => {
    const stored = cipher.encrypt(secret, 'prj_a');
    const other = createSecretCipher(randomBytes(32));
    expect(() => other.decrypt(stored, 'prj_a')).toThrow(/REQIO_MASTER_KEY/);
    const [v, iv, tag, body] = stored.split('.') as [string, string, string, string];
    const flipped = `${v}.${iv}.${tag}.${body.slice(0, -2)}${body.endsWith('AA') ? 'BB' : 'AA'}`;
    try {
      cipher.decrypt(flipped, 'prj_a');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
  });
});
