import { decodeBase64 } from './base64.js';

/** The prefix of every webhook secret, as in the Standard Webhooks specification. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

// The Standard Webhooks specification asks for keys of 24 to 64 bytes.
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;

/** What a well-formed secret looks like, for error messages (never the secret itself). */
export const WEBHOOK_SECRET_SHAPE = `"${WEBHOOK_SECRET_PREFIX}" followed by the base64 of ${MIN_KEY_BYTES}–${MAX_KEY_BYTES} bytes`;

/** The HMAC key of a `whsec_…` secret (the base64 after the prefix, decoded), or undefined when malformed. */
export function decodeWebhookSecret(secret: string): Uint8Array | undefined {
  const encoded = secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret;
  const key = decodeBase64(encoded);
  return key === undefined || key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES ? undefined : key;
}
