import type { SecretCipher } from '../identity/secret-cipher.js';

// Bound to the endpoint as associated data, so a ciphertext copied to another endpoint's
// row (or to a project secret's) does not decrypt.
const binding = (endpointId: string) => `webhook:${endpointId}`;

/** The stored form of an endpoint's secret. */
export function encryptWebhookSecret(cipher: SecretCipher, endpointId: string, secret: string): string {
  return cipher.encrypt(secret, binding(endpointId));
}

/** An endpoint's secret from its stored form. */
export function decryptWebhookSecret(cipher: SecretCipher, endpointId: string, stored: string): string {
  return cipher.decrypt(stored, binding(endpointId));
}
