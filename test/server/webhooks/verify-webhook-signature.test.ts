import { createHmac, randomBytes } from 'node:crypto';
import { Webhook, WebhookVerificationError as TheirVerificationError } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signWebhookPayload, verifyWebhookSignature, WebhookVerificationError } from '@reqio/server/webhooks';

const NOW = new Date('2026-11-22T12:00:00Z');
const NOW_SECONDS = NOW.getTime() / 1000;
const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const OTHER_SECRET = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
const BODY = JSON.stringify({ id: 'evt_1', type: 'vote.created', timestamp: NOW.toISOString(), projectId: 'prj_1', data: { requestId: 'req_1', votes: 3, identified: true } });

/** Signs by hand with node:crypto, exactly as the Standard Webhooks text states it. */
function signByHand(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

const headersFor = (overrides: Record<string, string | undefined> = {}) => ({
  'webhook-id': 'evt_1',
  'webhook-timestamp': String(NOW_SECONDS),
  'webhook-signature': signByHand(SECRET, 'evt_1', NOW_SECONDS, BODY),
  ...overrides,
});

/** The refusal `run` ends with (it must end with one). */
async function refusal(run: Promise<unknown>): Promise<WebhookVerificationError> {
  const error = await run.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return error as WebhookVerificationError;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe('verifyWebhookSignature', () => {
  it('accepts a delivery signed as the specification says, and returns the parsed event', async () => {
    const event = await verifyWebhookSignature({ payload: BODY, headers: headersFor(), secret: SECRET });
    expect(event).toEqual(JSON.parse(BODY));
  });

  it('takes the body as a string, a Buffer, a Uint8Array or an ArrayBuffer', async () => {
    const bytes = new TextEncoder().encode(BODY);
    for (const payload of [BODY, Buffer.from(BODY), bytes, bytes.buffer.slice(0)]) {
      await expect(verifyWebhookSignature({ payload, headers: headersFor(), secret: SECRET })).resolves.toMatchObject({ id: 'evt_1' });
    }
  });

  it('reads headers from a Headers object and from Node headers in any case, array values included', async () => {
    const plain = headersFor();
    await expect(verifyWebhookSignature({ payload: BODY, headers: new Headers(plain), secret: SECRET })).resolves.toBeDefined();
    const shouting = { 'Webhook-Id': plain['webhook-id'], 'WEBHOOK-TIMESTAMP': plain['webhook-timestamp'], 'webhook-signature': [plain['webhook-signature']] };
    await expect(verifyWebhookSignature({ payload: BODY, headers: shouting, secret: SECRET })).resolves.toBeDefined();
  });

  it('refuses a tampered body with signature_invalid', async () => {
    const error = await refusal(verifyWebhookSignature({ payload: BODY.replace('"votes":3', '"votes":300'), headers: headersFor(), secret: SECRET }));
    expect(error.code).toBe('signature_invalid');
    expect(error.message).toBe("No v1 signature matches: the body, the id or the timestamp was changed, or the secret is not this endpoint's.");
  });

  it('refuses a changed id, and a wrong secret, with signature_invalid', async () => {
    expect((await refusal(verifyWebhookSignature({ payload: BODY, headers: headersFor({ 'webhook-id': 'evt_2' }), secret: SECRET }))).code).toBe('signature_invalid');
    expect((await refusal(verifyWebhookSignature({ payload: BODY, headers: headersFor(), secret: OTHER_SECRET }))).code).toBe('signature_invalid');
  });

  it('refuses a timestamp older than the tolerance with timestamp_too_old, and accepts one just inside it', async () => {
    const at = (age: number) => {
      const timestamp = NOW_SECONDS - age;
      return headersFor({ 'webhook-timestamp': String(timestamp), 'webhook-signature': signByHand(SECRET, 'evt_1', timestamp, BODY) });
    };
    await expect(verifyWebhookSignature({ payload: BODY, headers: at(300), secret: SECRET })).resolves.toBeDefined();
    const error = await refusal(verifyWebhookSignature({ payload: BODY, headers: at(301), secret: SECRET }));
    expect(error.code).toBe('timestamp_too_old');
    expect(error.message).toBe('The webhook-timestamp is 301 s old, more than the 300 s tolerated.');
    // A replay of a genuine delivery an hour later is refused although its signature is good.
    expect((await refusal(verifyWebhookSignature({ payload: BODY, headers: at(3600), secret: SECRET }))).code).toBe('timestamp_too_old');
    await expect(verifyWebhookSignature({ payload: BODY, headers: at(3600), secret: SECRET, tolerance: 3600 })).resolves.toBeDefined();
  });

  it('refuses a timestamp ahead of the clock by more than the tolerance with timestamp_too_new', async () => {
    const timestamp = NOW_SECONDS + 31;
    const headers = headersFor({ 'webhook-timestamp': String(timestamp), 'webhook-signature': signByHand(SECRET, 'evt_1', timestamp, BODY) });
    const error = await refusal(verifyWebhookSignature({ payload: BODY, headers, secret: SECRET, tolerance: 30 }));
    expect(error.code).toBe('timestamp_too_new');
    expect(error.message).toBe('The webhook-timestamp is 31 s ahead of this clock, more than the 30 s tolerated.');
  });

  it('refuses a timestamp that is not whole seconds with invalid_timestamp', async () => {
    for (const value of ['soon', '1.5', '-3', `${NOW_SECONDS}000000`, '']) {
      const error = await refusal(verifyWebhookSignature({ payload: BODY, headers: headersFor({ 'webhook-timestamp': value }), secret: SECRET }));
      expect(error.code, value).toBe(value === '' ? 'missing_headers' : 'invalid_timestamp');
    }
  });

  it('names the missing headers with missing_headers', async () => {
    const error = await refusal(verifyWebhookSignature({ payload: BODY, headers: { 'webhook-id': 'evt_1' }, secret: SECRET }));
    expect(error.code).toBe('missing_headers');
    expect(error.message).toBe('The request lacks the webhook-timestamp, webhook-signature headers.');
  });

  it('accepts any matching v1 entry, and ignores other versions and junk', async () => {
    const good = signByHand(SECRET, 'evt_1', NOW_SECONDS, BODY);
    const rotating = `${signByHand(OTHER_SECRET, 'evt_1', NOW_SECONDS, BODY)} ${good}`;
    await expect(verifyWebhookSignature({ payload: BODY, headers: headersFor({ 'webhook-signature': rotating }), secret: SECRET })).resolves.toBeDefined();
    await expect(verifyWebhookSignature({ payload: BODY, headers: headersFor({ 'webhook-signature': rotating }), secret: OTHER_SECRET })).resolves.toBeDefined();
    // The same bytes labelled with another version do not count.
    const relabelled = good.replace('v1,', 'v1a,');
    expect((await refusal(verifyWebhookSignature({ payload: BODY, headers: headersFor({ 'webhook-signature': `${relabelled} v1,!!! v1 v1,AAAA` }), secret: SECRET }))).code).toBe(
      'signature_invalid',
    );
  });

  it('refuses a malformed secret with invalid_secret, without repeating it', async () => {
    for (const secret of ['whsec_not base64!', 'whsec_AAAA', `whsec_${Buffer.alloc(8).toString('base64')}`, 'rq_sk_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG']) {
      const error = await refusal(verifyWebhookSignature({ payload: BODY, headers: headersFor(), secret }));
      expect(error.code, secret).toBe('invalid_secret');
      expect(error.message).not.toContain(secret);
      expect(error.message).toBe('The webhook secret must be "whsec_" followed by the base64 of 24–64 bytes, as shown when the endpoint was created.');
    }
  });

  it('accepts the secret without its whsec_ prefix, as the reference libraries do', async () => {
    await expect(verifyWebhookSignature({ payload: BODY, headers: headersFor(), secret: SECRET.slice(6) })).resolves.toBeDefined();
  });

  it('refuses a correctly signed body that is not JSON with payload_invalid', async () => {
    const body = 'not json';
    const headers = headersFor({ 'webhook-signature': signByHand(SECRET, 'evt_1', NOW_SECONDS, body) });
    expect((await refusal(verifyWebhookSignature({ payload: body, headers, secret: SECRET }))).code).toBe('payload_invalid');
  });

  it('throws a TypeError naming the argument on misuse', async () => {
    await expect(verifyWebhookSignature({ payload: JSON.parse(BODY), headers: headersFor(), secret: SECRET })).rejects.toThrow(
      new TypeError('verifyWebhookSignature: payload must be the raw request body as a string or bytes (express.raw(), await request.text()), not parsed JSON'),
    );
    await expect(verifyWebhookSignature({ payload: BODY, headers: headersFor(), secret: undefined as never })).rejects.toThrow(TypeError);
    await expect(verifyWebhookSignature({ payload: BODY, headers: undefined as never, secret: SECRET })).rejects.toThrow(/headers must be/);
    await expect(verifyWebhookSignature({ payload: BODY, headers: headersFor(), secret: SECRET, tolerance: -1 })).rejects.toThrow(
      new TypeError('verifyWebhookSignature: tolerance must be a number of seconds, 0 or more'),
    );
    await expect(verifyWebhookSignature(undefined as never)).rejects.toThrow(TypeError);
  });
});

describe('signWebhookPayload', () => {
  it('signs as the specification says: one v1 entry per secret, space-separated', async () => {
    const headers = await signWebhookPayload({ id: 'evt_1', timestamp: NOW, payload: BODY, secrets: [SECRET, OTHER_SECRET] });
    expect(headers).toEqual({
      'webhook-id': 'evt_1',
      'webhook-timestamp': String(NOW_SECONDS),
      'webhook-signature': `${signByHand(SECRET, 'evt_1', NOW_SECONDS, BODY)} ${signByHand(OTHER_SECRET, 'evt_1', NOW_SECONDS, BODY)}`,
    });
  });

  it('throws a TypeError naming the argument on misuse, never repeating a secret', async () => {
    await expect(signWebhookPayload({ id: 'evt 1', timestamp: NOW, payload: BODY, secrets: [SECRET] })).rejects.toThrow(/id must be/);
    await expect(signWebhookPayload({ id: 'evt_1', timestamp: 1.5, payload: BODY, secrets: [SECRET] })).rejects.toThrow(/timestamp must be/);
    await expect(signWebhookPayload({ id: 'evt_1', timestamp: NOW, payload: BODY, secrets: [] })).rejects.toThrow(/secrets must be/);
    const error = await signWebhookPayload({ id: 'evt_1', timestamp: NOW, payload: BODY, secrets: [SECRET, 'whsec_short'] }).catch((caught: Error) => caught);
    expect(error).toEqual(new TypeError('signWebhookPayload: secrets[1] must be "whsec_" followed by the base64 of 24–64 bytes'));
  });
});

describe('interoperability with the standardwebhooks reference library', () => {
  it('verifies what the reference library signs', async () => {
    const secret = `whsec_${randomBytes(24).toString('base64')}`; // Svix-sized key
    const signature = new Webhook(secret).sign('msg_2fXk', NOW, BODY);
    const event = await verifyWebhookSignature({
      payload: BODY,
      headers: { 'webhook-id': 'msg_2fXk', 'webhook-timestamp': String(NOW_SECONDS), 'webhook-signature': signature },
      secret,
    });
    expect(event).toEqual(JSON.parse(BODY));
  });

  it('signs what the reference library verifies, with either secret while rotating', async () => {
    const headers = await signWebhookPayload({ id: 'evt_1', timestamp: NOW, payload: BODY, secrets: [SECRET, OTHER_SECRET] });
    expect(new Webhook(SECRET).verify(BODY, { ...headers })).toEqual(JSON.parse(BODY));
    expect(new Webhook(OTHER_SECRET).verify(BODY, { ...headers })).toEqual(JSON.parse(BODY));
    const stranger = `whsec_${Buffer.alloc(32, 1).toString('base64')}`;
    expect(() => new Webhook(stranger).verify(BODY, { ...headers })).toThrow(TheirVerificationError);
  });
});
