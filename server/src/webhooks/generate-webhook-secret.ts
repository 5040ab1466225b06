import { randomBytes } from 'node:crypto';
import { WEBHOOK_SECRET_PREFIX } from './decode-webhook-secret.js';

/** A new endpoint secret: `whsec_` and the base64 of 32 random bytes (a full-strength HMAC-SHA256 key). */
export function generateWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}
