import { WEBHOOK_EVENT_TYPES, type WebhookDelivery, type WebhookEndpoint } from '@reqio/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WebhookWorker } from '../../../server/src/webhooks/create-webhook-worker.js';
import { verifyWebhookSignature } from '../../../server/src/webhooks/verify-webhook-signature.js';
import { startTestApp, type TestApp, type TestProject } from '../../helpers/start-test-app.js';
import { storeKinds } from '../../helpers/test-database.js';
import { ALLOW_PRIVATE_WEBHOOKS, startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver.js';
import { eventually, startWorker } from '../../helpers/webhook-worker.js';
import { identifyAs } from '../../helpers/widget-client.js';

describe.each(storeKinds)('the webhook admin API on %s', (store) => {
  let app: TestApp;
  let project: TestProject;
  let receiver: WebhookReceiver;
  let worker: WebhookWorker | undefined;

  beforeAll(async () => {
    app = await startTestApp({ store, env: ALLOW_PRIVATE_WEBHOOKS });
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    project = await app.createProject();
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    await receiver.close();
  });

  const call = async <T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; headers: Headers; body: T }> => {
    const response = await app.admin(path, { method, ...(body !== undefined && { body: JSON.stringify(body) }), project });
    return { status: response.status, headers: response.headers, body: response.status === 204 ? (undefined as T) : ((await response.json()) as T) };
  };
  const create = async (body: Record<string, unknown> = {}) => {
    const created = await call<{ webhook: WebhookEndpoint; secret: string }>('POST', '/webhooks', { url: receiver.url, ...body });
    expect(created.status).toBe(201);
    receiver.secret = created.body.secret;
    return created.body;
  };

  it('creates an endpoint with a whsec_ secret shown to the caller, and never lists the secret', async () => {
    const created = await call<{ webhook: WebhookEndpoint; secret: string }>('POST', '/webhooks', { url: `${receiver.url}?team=7#ignored`, description: '  CRM sync  ' });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.body.webhook).toEqual({
      id: expect.stringMatching(/^whk_/),
      url: `${receiver.url}?team=7`,
      description: 'CRM sync',
      events: [],
      enabled: true,
      previousSecretValidUntil: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const { secret } = created.body;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);

    const listed = await call('GET', '/webhooks');
    expect(listed.body).toEqual({ webhooks: [created.body.webhook] });
    const one = await call('GET', `/webhooks/${created.body.webhook.id}`);
    expect(one.body).toEqual({ webhook: created.body.webhook });
    expect(JSON.stringify([listed.body, one.body])).not.toContain(secret.slice(6, 20));

    const revealed = await call('GET', `/webhooks/${created.body.webhook.id}/secret`);
    expect(revealed.body).toEqual({ secret });
    expect(revealed.headers.get('cache-control')).toBe('no-store');
  });

  it.each([
    [{ url: 'ftp://example.com/hook' }, 'url', 'must be an http(s) URL such as https://example.com/webhooks/reqio'],
    [{ url: 'javascript:alert(1)' }, 'url', 'must be an http(s) URL such as https://example.com/webhooks/reqio'],
    [{ url: 'https://user:password@example.com/hook' }, 'url', 'must not contain a user name or password'],
    [{ url: `https://example.com/${'x'.repeat(2048)}` }, 'url', 'must be at most 2048 characters'],
    [{}, 'url', 'is required'],
    [{ url: 42 }, 'url', 'must be a string'],
    [{ url: 'https://example.com', events: ['vote.created', 'request.exploded'] }, 'events.1', `must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}`],
    [{ url: 'https://example.com', enabled: 'yes' }, 'enabled', 'must be true or false'],
  ])('refuses %j with validation_failed naming %s', async (body, field, message) => {
    const { status, body: answer } = await call('POST', '/webhooks', body);
    expect(status).toBe(400);
    expect(answer.error).toMatchObject({ code: 'validation_failed', fields: { [field]: message } });
  });

  it('changes, pauses and deletes an endpoint; unknown ids are not_found', async () => {
    const { webhook } = await create();
    const changed = await call('PATCH', `/webhooks/${webhook.id}`, { events: ['vote.created', 'vote.created', 'vote.deleted'], enabled: false, description: 'Votes' });
    expect(changed.status).toBe(200);
    expect(changed.body.webhook).toMatchObject({ id: webhook.id, url: webhook.url, events: ['vote.created', 'vote.deleted'], enabled: false, description: 'Votes' });
    expect((await call('PATCH', `/webhooks/${webhook.id}`, { url: 'mailto:me@example.com' })).body.error.fields).toEqual({
      url: 'must be an http(s) URL such as https://example.com/webhooks/reqio',
    });

    expect((await call('DELETE', `/webhooks/${webhook.id}`)).status).toBe(204);
    for (const [method, path] of [
      ['GET', `/webhooks/${webhook.id}`],
      ['PATCH', `/webhooks/${webhook.id}`],
      ['DELETE', `/webhooks/${webhook.id}`],
      ['GET', `/webhooks/${webhook.id}/secret`],
      ['POST', `/webhooks/${webhook.id}/secret/rotate`],
      ['GET', `/webhooks/${webhook.id}/deliveries`],
    ] as const) {
      const answer = await call(method, path, method === 'GET' || method === 'DELETE' ? undefined : {});
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.body.error).toEqual({ code: 'not_found', message: 'There is no such webhook endpoint in this project.' });
    }
  });

  it('keeps a project to 20 endpoints', async () => {
    for (let index = 0; index < 20; index += 1) await create({ description: `#${index}` });
    const refused = await call('POST', '/webhooks', { url: receiver.url });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({ code: 'conflict', message: 'A project may have at most 20 webhook endpoints; delete one first.' });
  });

  it('rotates the secret: both sign during the grace period, only the new one after an immediate rotation', async () => {
    const { webhook, secret: first } = await create({ events: ['user.identified'] });
    worker = startWorker(app);

    const rotated = await call<{ secret: string; previousValidUntil: string }>('POST', `/webhooks/${webhook.id}/secret/rotate`, { gracePeriodSeconds: 3600 });
    expect(rotated.status).toBe(200);
    expect(rotated.headers.get('cache-control')).toBe('no-store');
    const second = rotated.body.secret;
    expect(second).toMatch(/^whsec_/);
    expect(second).not.toBe(first);
    expect(Math.abs(Date.parse(rotated.body.previousValidUntil) - (Date.now() + 3600_000))).toBeLessThan(60_000);
    expect((await call('GET', `/webhooks/${webhook.id}`)).body.webhook.previousSecretValidUntil).toBe(rotated.body.previousValidUntil);
    expect((await call('GET', `/webhooks/${webhook.id}/secret`)).body.secret).toBe(second);

    receiver.secret = first; // a receiver not yet redeployed keeps verifying
    await identifyAs(app, { sub: 'during-grace' }, { project });
    await receiver.waitFor((got) => got.length === 1);
    const during = receiver.deliveries[0]!;
    expect(during.refused).toBeUndefined();
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    await expect(verifyWebhookSignature({ payload: during.body, headers: during.headers, secret: second })).resolves.toBeDefined();

    const immediate = await call<{ secret: string; previousValidUntil: null }>('POST', `/webhooks/${webhook.id}/secret/rotate`, { gracePeriodSeconds: 0 });
    expect(immediate.body.previousValidUntil).toBeNull();
    expect((await call('GET', `/webhooks/${webhook.id}`)).body.webhook.previousSecretValidUntil).toBeNull();
    await identifyAs(app, { sub: 'after-rotation' }, { project });
    await receiver.waitFor((got) => got.length === 2);
    const after = receiver.deliveries[1]!;
    expect(after.refused).toBe('signature_invalid'); // still on the first secret
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    await expect(verifyWebhookSignature({ payload: after.body, headers: after.headers, secret: immediate.body.secret })).resolves.toBeDefined();

    expect((await call('POST', `/webhooks/${webhook.id}/secret/rotate`, { gracePeriodSeconds: 8 * 24 * 3600 })).body.error.fields).toEqual({
      gracePeriodSeconds: 'must be at most 604800',
    });
  });

  it('lists the delivery log newest first, filters it by state, and shows one delivery with the exact body sent', async () => {
    receiver.respond = (_index, delivery) => (delivery.event?.type === 'request.created' ? { status: 410 } : { status: 204 });
    const { webhook } = await create({ events: ['user.identified', 'request.created'] });
    worker = startWorker(app, { retry: { maxAttempts: 1 } });
    const user = await identifyAs(app, { sub: 'logged' }, { project });
    await user.json('POST', '/requests', { title: 'Shows up in the log' });
    await receiver.waitFor((got) => got.length === 2);

    const all = await eventually(
      () => call<{ deliveries: WebhookDelivery[]; total: number }>('GET', `/webhooks/${webhook.id}/deliveries`),
      (answer) => answer.body.deliveries.every((delivery) => delivery.state !== 'pending'),
    );
    expect(all.body.total).toBe(2);
    expect(all.body.deliveries.map((delivery) => [delivery.event.type, delivery.state])).toEqual([
      ['request.created', 'failed'],
      ['user.identified', 'succeeded'],
    ]);
    const failed = await call('GET', `/webhooks/${webhook.id}/deliveries?state=failed&limit=1`);
    expect(failed.body.total).toBe(1);
    expect(failed.body.deliveries.map((delivery: WebhookDelivery) => delivery.attempts.map((attempt) => attempt.statusCode))).toEqual([[410]]);
    const page = await call('GET', `/webhooks/${webhook.id}/deliveries?limit=1&offset=1`);
    expect(page.body.deliveries.map((delivery: WebhookDelivery) => delivery.event.type)).toEqual(['user.identified']);
    expect((await call('GET', `/webhooks/${webhook.id}/deliveries?state=lost`)).body.error.fields).toEqual({ state: 'must be one of pending, succeeded, failed' });

    const first = all.body.deliveries[1]!;
    const detail = await call('GET', `/webhooks/${webhook.id}/deliveries/${first.id}`);
    expect(detail.body).toEqual({ delivery: first, payload: receiver.deliveries.find((got) => got.event?.type === 'user.identified')!.body });
    const missing = await call('GET', `/webhooks/${webhook.id}/deliveries/dlv_nope`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({ code: 'not_found', message: 'There is no such delivery for this webhook endpoint.' });
  });

  it('redelivers: a finished delivery as a new one of the same event, a waiting one at once', async () => {
    const { webhook } = await create({ events: ['user.identified'] });
    let down = true;
    receiver.respond = () => (down ? { status: 500 } : { status: 204 });
    // An hour between retries: only a redelivery brings the second attempt now.
    worker = startWorker(app, { retry: { initialDelayMs: 3600_000, maxDelayMs: 3600_000 } });
    await identifyAs(app, { sub: 'redelivered' }, { project });
    const [waiting] = (await eventually(() => call('GET', `/webhooks/${webhook.id}/deliveries`), (answer) => answer.body.deliveries[0]?.attemptCount === 1 && answer.body.deliveries[0].attempts.length === 1))
      .body.deliveries as WebhookDelivery[];
    expect(Date.parse(waiting!.nextAttemptAt!) - Date.now()).toBeGreaterThan(3000_000);

    down = false;
    const now = await call<{ delivery: WebhookDelivery }>('POST', `/webhooks/${webhook.id}/deliveries/${waiting!.id}/redeliver`);
    expect(now.status).toBe(202);
    expect(now.body.delivery).toMatchObject({ id: waiting!.id, state: 'pending', redeliveryOf: null });
    await receiver.waitFor((got) => got.length === 2);
    await eventually(() => call('GET', `/webhooks/${webhook.id}/deliveries/${waiting!.id}`), (answer) => answer.body.delivery.state === 'succeeded');

    const again = await call<{ delivery: WebhookDelivery }>('POST', `/webhooks/${webhook.id}/deliveries/${waiting!.id}/redeliver`);
    expect(again.status).toBe(202);
    expect(again.body.delivery).toMatchObject({ id: expect.stringMatching(/^dlv_/), state: 'pending', redeliveryOf: waiting!.id, attemptCount: 0, attempts: [] });
    expect(again.body.delivery.id).not.toBe(waiting!.id);
    expect(again.body.delivery.event).toEqual(waiting!.event);
    await receiver.waitFor((got) => got.length === 3);
    expect(new Set(receiver.deliveries.map((got) => got.headers['webhook-id']))).toEqual(new Set([waiting!.event.id]));
    expect(receiver.deliveries.map((got) => got.refused)).toEqual([undefined, undefined, undefined]);
    expect((await call('GET', `/webhooks/${webhook.id}/deliveries`)).body.total).toBe(2);

    await call('PATCH', `/webhooks/${webhook.id}`, { enabled: false });
    const paused = await call('POST', `/webhooks/${webhook.id}/deliveries/${waiting!.id}/redeliver`);
    expect(paused.status).toBe(409);
    expect(paused.body.error).toEqual({ code: 'conflict', message: 'This webhook endpoint is disabled; enable it before redelivering.' });
    await call('PATCH', `/webhooks/${webhook.id}`, { enabled: true });
    expect((await call('POST', `/webhooks/${webhook.id}/deliveries/dlv_nope/redeliver`)).body.error).toEqual({
      code: 'not_found',
      message: 'There is no such delivery for this webhook endpoint.',
    });
  });
});
