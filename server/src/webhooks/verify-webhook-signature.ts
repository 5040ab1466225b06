import type { WebhookEvent } from '@reqio/shared';
import { decodeBase64 } from './base64.js';
import { computeWebhookSignature, payloadBytes } from './compute-webhook-signature.js';
import { WEBHOOK_SECRET_SHAPE, decodeWebhookSecret } from './decode-webhook-secret.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

/** Request headers as Node (`req.headers`, any case) or `fetch` (`Headers`) give them. */
export type WebhookRequestHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** What {@link verifyWebhookSignature} needs. */
export interface VerifyWebhookSignatureOptions {
  /** The raw request body, exactly as received: not parsed and re-serialised JSON. */
  payload: string | Uint8Array | ArrayBuffer;
  headers: WebhookRequestHeaders;
  /** The endpoint's `whsec_…` secret. */
  secret: string;
  /** Seconds the `webhook-timestamp` may differ from this machine's clock, either way. Default 300. */
  tolerance?: number;
}

// A hostile header with thousands of entries must not cost thousands of comparisons.
const MAX_SIGNATURES = 10;
const decoder = new TextDecoder('utf-8', { fatal: true });

function readHeader(headers: WebhookRequestHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers as Record<string, string | readonly string[] | undefined>)) {
    if (key.toLowerCase() !== name) continue;
    return typeof value === 'string' ? value : Array.isArray(value) ? value.join(' ') : undefined;
  }
  return undefined;
}

/** Compares without an early exit, so the time taken says nothing about where bytes differ. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) difference |= a[index]! ^ b[index]!;
  return difference === 0;
}

function checkArguments(options: VerifyWebhookSignatureOptions): { bytes: Uint8Array; tolerance: number } {
  if (typeof options !== 'object' || options === null) throw new TypeError('verifyWebhookSignature: pass { payload, headers, secret }');
  const { payload, headers, secret, tolerance = 300 } = options;
  let bytes: Uint8Array;
  if (typeof payload === 'string' || payload instanceof Uint8Array) bytes = payloadBytes(payload);
  else if (payload instanceof ArrayBuffer) bytes = new Uint8Array(payload);
  else {
    throw new TypeError(
      'verifyWebhookSignature: payload must be the raw request body as a string or bytes (express.raw(), await request.text()), not parsed JSON',
    );
  }
  if (typeof headers !== 'object' || headers === null) throw new TypeError('verifyWebhookSignature: headers must be the request headers (req.headers or a Headers object)');
  if (typeof secret !== 'string') throw new TypeError('verifyWebhookSignature: secret must be the endpoint\'s "whsec_…" secret string');
  if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0) throw new TypeError('verifyWebhookSignature: tolerance must be a number of seconds, 0 or more');
  return { bytes, tolerance };
}

/**
 * Verifies a Reqio webhook delivery (Standard Webhooks: `webhook-id`, `webhook-timestamp`,
 * `webhook-signature`) and returns its parsed body. Accepts any matching `v1` signature, so
 * deliveries keep verifying while a secret is rotated; refuses timestamps more than
 * `tolerance` seconds old or ahead (replays). Throws {@link WebhookVerificationError} with a
 * stable `code`; a misuse (parsed JSON as the payload, no secret) is a `TypeError`.
 *
 * @example
 * app.post('/webhooks/reqio', express.raw({ type: 'application/json' }), async (req, res) => {
 *   const event = await verifyWebhookSignature({ payload: req.body, headers: req.headers, secret: process.env.REQIO_WEBHOOK_SECRET! });
 *   res.sendStatus(204);
 * });
 */
export async function verifyWebhookSignature(options: VerifyWebhookSignatureOptions): Promise<WebhookEvent> {
  const { bytes, tolerance } = checkArguments(options);
  const key = decodeWebhookSecret(options.secret);
  if (key === undefined) throw new WebhookVerificationError('invalid_secret', `The webhook secret must be ${WEBHOOK_SECRET_SHAPE}, as shown when the endpoint was created.`);

  const id = readHeader(options.headers, 'webhook-id');
  const timestampHeader = readHeader(options.headers, 'webhook-timestamp');
  const signatureHeader = readHeader(options.headers, 'webhook-signature');
  const missing = [id ? undefined : 'webhook-id', timestampHeader ? undefined : 'webhook-timestamp', signatureHeader ? undefined : 'webhook-signature'].filter(Boolean);
  if (missing.length > 0) throw new WebhookVerificationError('missing_headers', `The request lacks the ${missing.join(', ')} header${missing.length > 1 ? 's' : ''}.`);

  if (!/^\d{1,12}$/.test(timestampHeader!)) throw new WebhookVerificationError('invalid_timestamp', 'The webhook-timestamp header is not a whole number of seconds since the epoch.');
  const timestamp = Number(timestampHeader);
  const now = Math.floor(Date.now() / 1000);
  if (now - timestamp > tolerance) throw new WebhookVerificationError('timestamp_too_old', `The webhook-timestamp is ${now - timestamp} s old, more than the ${tolerance} s tolerated.`);
  if (timestamp - now > tolerance) throw new WebhookVerificationError('timestamp_too_new', `The webhook-timestamp is ${timestamp - now} s ahead of this clock, more than the ${tolerance} s tolerated.`);

  const expected = await computeWebhookSignature(key, id!, timestamp, bytes);
  const candidates = signatureHeader!.split(' ').slice(0, MAX_SIGNATURES);
  let matched = false;
  for (const candidate of candidates) {
    const [version, encoded] = candidate.split(',', 2);
    if (version !== 'v1' || encoded === undefined) continue;
    const signature = decodeBase64(encoded);
    // Keep comparing after a match so the time taken does not depend on which entry matched.
    if (signature !== undefined && constantTimeEqual(signature, expected)) matched = true;
  }
  if (!matched) throw new WebhookVerificationError('signature_invalid', 'No v1 signature matches: the body, the id or the timestamp was changed, or the secret is not this endpoint\'s.');

  try {
    return JSON.parse(decoder.decode(bytes)) as WebhookEvent;
  } catch {
    throw new WebhookVerificationError('payload_invalid', 'The signature is valid but the body is not UTF-8 JSON.');
  }
}
