import { encodeBase64 } from './base64.js';
import { computeWebhookSignature, payloadBytes } from './compute-webhook-signature.js';
import { WEBHOOK_SECRET_SHAPE, decodeWebhookSecret } from './decode-webhook-secret.js';

/** The three Standard Webhooks headers of one delivery. */
export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * Signs a webhook body the Standard Webhooks way: one `v1,<base64>` entry per secret,
 * space-separated (several while a secret is being rotated). Reqio's worker signs with it;
 * use it to test your receiver.
 *
 * @example await signWebhookPayload({ id: 'evt_1', timestamp: new Date(), payload: body, secrets: ['whsec_…'] })
 */
export async function signWebhookPayload(options: {
  id: string;
  /** A Date, or seconds since the epoch. */
  timestamp: Date | number;
  payload: string | Uint8Array;
  secrets: readonly string[];
}): Promise<WebhookHeaders> {
  const { id, payload, secrets } = options ?? {};
  if (typeof id !== 'string' || id === '' || /[\s,]/.test(id)) throw new TypeError('signWebhookPayload: id must be a non-empty string without spaces or commas');
  const timestamp = options.timestamp instanceof Date ? Math.floor(options.timestamp.getTime() / 1000) : options.timestamp;
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new TypeError('signWebhookPayload: timestamp must be a Date or whole seconds since the epoch');
  if (typeof payload !== 'string' && !(payload instanceof Uint8Array)) throw new TypeError('signWebhookPayload: payload must be a string or a Uint8Array');
  if (!Array.isArray(secrets) || secrets.length === 0 || !secrets.every((secret) => typeof secret === 'string')) {
    throw new TypeError('signWebhookPayload: secrets must be a non-empty array of "whsec_…" strings');
  }
  const keys = secrets.map((secret, index) => {
    const key = decodeWebhookSecret(secret);
    if (key === undefined) throw new TypeError(`signWebhookPayload: secrets[${index}] must be ${WEBHOOK_SECRET_SHAPE}`);
    return key;
  });
  const bytes = payloadBytes(payload);
  const signatures = await Promise.all(keys.map(async (key) => `v1,${encodeBase64(await computeWebhookSignature(key, id, timestamp, bytes))}`));
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signatures.join(' ') };
}
