import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deriveKey } from './derive-key.js';

/** Encrypts and decrypts project secrets at rest. */
export interface SecretCipher {
  encrypt(plaintext: string, projectId: string): string;
  decrypt(stored: string, projectId: string): string;
}

/**
 * AES-256-GCM under a key derived from the master key. The project id is bound as
 * associated data, so a ciphertext copied to another project's row does not decrypt.
 * Stored form: `v1.<iv>.<tag>.<ciphertext>`, base64url.
 */
export function createSecretCipher(masterKey: Buffer): SecretCipher {
  const key = deriveKey(masterKey, 'secret-encryption');
  return {
    encrypt(plaintext, projectId) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(projectId));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    },
    decrypt(stored, projectId) {
      const [version, iv, tag, ciphertext] = stored.split('.');
      if (version !== 'v1' || iv === undefined || tag === undefined || ciphertext === undefined) {
        throw new Error('A stored project secret is not in a known format.');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(projectId));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new Error('A project secret could not be decrypted: is REQIO_MASTER_KEY the key it was stored with?');
      }
    },
  };
}
