import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ReqioApiError,
  ReqioClient,
  ReqioNetworkError,
  ReqioNotFoundError,
  ReqioUnauthorizedError,
  ReqioValidationError,
} from '@reqio/server/client';
import type { WebhookWorker } from '../../../server/src/webhooks/create-webhook-worker.js';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';
import { storeKinds } from '../../helpers/test-database.js';
import { ALLOW_PRIVATE_WEBHOOKS, startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver.js';
import { eventually, startWorker } from '../../helpers/webhook-worker.js';
import { identifyAs } from '../../helpers/widget-client.js';

/** The error `run` rejects with (it must reject). */
async function failure(run: Promise<unknown>): Promise<ReqioApiError> {
  const error = await run.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ReqioApiError);
  return error as ReqioApiError;
}

// Against the real service: the client is only as good as its agreement with the routes.
describe.each(storeKinds)('ReqioClient against the service on %s', (store) => {
  let app: TestApp;
  let reqio: ReqioClient;
  let receiver: WebhookReceiver;
  let worker: WebhookWorker;
  let requestIds: { cheap: string; pricey: string };

  beforeAll(async () => {
    app = await startTestApp({ store, env: ALLOW_PRIVATE_WEBHOOKS });
    reqio = new ReqioClient({ baseUrl: `${app.url}/`, apiKey: app.project.apiKey, projectId: app.project.id });
    receiver = await startWebhookReceiver();
    worker = startWorker(app);
    const free = await identifyAs(app, { sub: 'free-user', traits: { plan: 'free' } });
    const enterprise = await identifyAs(app, { sub: 'team/42', email: 'cto@example.com', traits: { plan: 'enterprise', amount: 240000, interval: 'year' } });
    const cheap = (await free.json('POST', '/requests', { title: 'Dark mode' })).body.request.id;
    await free.json('PUT', `/requests/${cheap}/vote`);
    const pricey = (await enterprise.json('POST', '/requests', { title: 'SAML single sign-on' })).body.request.id;
    requestIds = { cheap, pricey };
  });
  afterAll(async () => {
    await worker.stop();
    await receiver.close();
    await app.close();
  });

  it('reads the project', async () => {
    expect(await reqio.getProject()).toMatchObject({ id: app.project.id, audience: app.project.audience, allowedOrigins: [] });
  });

  it('lists requests by revenue and reads one with its voters', async () => {
    const ranked = await reqio.requests.list();
    expect(ranked.map((request) => [request.title, request.monthlyRevenue])).toEqual([
      ['SAML single sign-on', 20000],
      ['Dark mode', 0],
    ]);
    expect((await reqio.requests.list({ sort: 'new', limit: 1 })).map((request) => request.id)).toEqual([requestIds.pricey]);
    const detail = await reqio.requests.get(requestIds.pricey);
    expect(detail.request).toMatchObject({ id: requestIds.pricey, votes: 1, monthlyRevenue: 20000 });
    expect(detail.voters).toEqual([{ id: 'team/42', email: 'cto@example.com', name: null, plan: 'enterprise', monthlyAmount: 20000, votedAt: expect.any(String) }]);
  });

  it('moves a request through statuses, and reports a bad status with its field', async () => {
    expect(await reqio.requests.setStatus(requestIds.cheap, 'planned')).toMatchObject({ id: requestIds.cheap, status: 'planned' });
    const error = await failure(reqio.requests.setStatus(requestIds.cheap, 'shipped' as never));
    expect(error).toBeInstanceOf(ReqioValidationError);
    expect(error).toMatchObject({ code: 'validation_failed', status: 400, fields: { status: 'must be one of open, planned, in_progress, done, closed' } });
    expect(error.message).toBe('body.status must be one of open, planned, in_progress, done, closed');
  });

  it('lists, reads and deletes users (ids with a slash included), then reports them not_found', async () => {
    const { users, total } = await reqio.users.list({ limit: 10 });
    expect(total).toBe(2);
    expect(users.map((user) => user.id)).toEqual(['team/42', 'free-user']);
    expect(await reqio.users.get('team/42')).toMatchObject({ id: 'team/42', plan: 'enterprise', monthlyAmount: 20000 });

    await identifyAs(app, { sub: 'leaving' });
    await expect(reqio.users.delete('leaving')).resolves.toBeUndefined();
    const error = await failure(reqio.users.get('leaving'));
    expect(error).toBeInstanceOf(ReqioNotFoundError);
    expect(error).toMatchObject({ code: 'not_found', status: 404, message: 'There is no such user in this project.', requestId: expect.any(String) });
  });

  it('rotates the identity secret and ends the grace period', async () => {
    const rotated = await reqio.secrets.rotate({ gracePeriodSeconds: 600 });
    expect(rotated.secret).toMatch(/^rq_sk_[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(rotated.previousValidUntil!)).toBeGreaterThan(Date.now());
    expect(await reqio.secrets.endGracePeriod()).toBe(true);
    expect(await reqio.secrets.endGracePeriod()).toBe(false);
  });

  it('manages a webhook endpoint and reads its delivery log', async () => {
    const { webhook, secret } = await reqio.webhooks.create({ url: receiver.url, events: ['request.status_changed'], description: 'Status board' });
    receiver.secret = secret;
    expect(webhook).toMatchObject({ url: receiver.url, events: ['request.status_changed'], enabled: true });
    expect(await reqio.webhooks.list()).toEqual([webhook]);
    expect(await reqio.webhooks.get(webhook.id)).toEqual(webhook);
    expect(await reqio.webhooks.getSecret(webhook.id)).toBe(secret);

    await reqio.requests.setStatus(requestIds.pricey, 'in_progress');
    await receiver.waitFor((got) => got.length === 1);
    expect(receiver.deliveries[0]!.event).toMatchObject({ type: 'request.status_changed', data: { from: 'open', to: 'in_progress' } });
    const { deliveries, total } = await eventually(() => reqio.webhooks.deliveries(webhook.id), (log) => log.deliveries[0]?.state === 'succeeded');
    expect(total).toBe(1);
    const { delivery, payload } = await reqio.webhooks.getDelivery(webhook.id, deliveries[0]!.id);
    expect(delivery).toEqual(deliveries[0]);
    expect(payload).toBe(receiver.deliveries[0]!.body);
    expect(await reqio.webhooks.deliveries(webhook.id, { state: 'failed' })).toEqual({ deliveries: [], total: 0 });

    const redelivery = await reqio.webhooks.redeliver(webhook.id, delivery.id);
    expect(redelivery).toMatchObject({ redeliveryOf: delivery.id, event: delivery.event, state: 'pending' });
    await receiver.waitFor((got) => got.length === 2);

    const rotated = await reqio.webhooks.rotateSecret(webhook.id, { gracePeriodSeconds: 0 });
    expect(rotated).toEqual({ secret: expect.stringMatching(/^whsec_/), previousValidUntil: null });
    expect(await reqio.webhooks.update(webhook.id, { enabled: false })).toMatchObject({ id: webhook.id, enabled: false });
    const invalid = await failure(reqio.webhooks.update(webhook.id, { url: 'ftp://example.com' }));
    expect(invalid).toBeInstanceOf(ReqioValidationError);
    expect((invalid as ReqioValidationError).fields).toEqual({ url: 'must be an http(s) URL such as https://example.com/webhooks/reqio' });
    await reqio.webhooks.delete(webhook.id);
    expect(await failure(reqio.webhooks.get(webhook.id))).toMatchObject({ name: 'ReqioNotFoundError', code: 'not_found', status: 404 });
  });

  it('reports a wrong key as unauthorized, another project as forbidden, and never repeats the key', async () => {
    const wrongKey = 'rq_ak_this-key-was-never-issued-0000000000000000';
    const error = await failure(new ReqioClient({ baseUrl: app.url, apiKey: wrongKey, projectId: app.project.id }).requests.list());
    expect(error).toBeInstanceOf(ReqioUnauthorizedError);
    expect(error).toMatchObject({ code: 'unauthorized', status: 401, message: 'The API key is not valid (revoked, or never existed).' });
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(wrongKey);

    const other = await app.createProject({ name: 'Not yours' });
    const forbidden = await failure(new ReqioClient({ baseUrl: app.url, apiKey: app.project.apiKey, projectId: other.id }).requests.list());
    expect(forbidden.constructor).toBe(ReqioApiError);
    expect(forbidden).toMatchObject({ code: 'forbidden', status: 403, message: 'These credentials are not for this project.' });
  });

  it('reports an unreachable service as a network_error', async () => {
    const closed = await startWebhookReceiver(); // any free port, then closed
    await closed.close();
    const error = await failure(new ReqioClient({ baseUrl: new URL(closed.url).origin, apiKey: 'rq_ak_x', projectId: 'prj_x' }).requests.list());
    expect(error).toBeInstanceOf(ReqioNetworkError);
    expect(error).toMatchObject({ code: 'network_error', status: undefined });
  });
});

describe('ReqioClient misuse', () => {
  it('throws a TypeError naming the argument, never the key', async () => {
    expect(() => new ReqioClient({ baseUrl: 'feedback.example.com', apiKey: 'rq_ak_x', projectId: 'prj_1' })).toThrow(
      new TypeError('ReqioClient: options.baseUrl must be an http(s) URL such as https://feedback.example.com'),
    );
    expect(() => new ReqioClient({ baseUrl: 'https://feedback.example.com', apiKey: '', projectId: 'prj_1' })).toThrow(
      new TypeError('ReqioClient: options.apiKey must be a project API key (rq_ak_…)'),
    );
    expect(() => new ReqioClient({ baseUrl: 'https://feedback.example.com', apiKey: 'rq_ak_x', projectId: 'prj_1', maxRetries: 99 })).toThrow(
      new TypeError('ReqioClient: options.maxRetries must be a number from 0 to 10'),
    );
    const reqio = new ReqioClient({ baseUrl: 'https://feedback.example.com', apiKey: 'rq_ak_x', projectId: 'prj_1' });
    await expect(reqio.requests.get('')).rejects.toThrow(new TypeError('ReqioClient.requests.get: requestId must be a non-empty string'));
    await expect(reqio.webhooks.redeliver('whk_1', undefined as never)).rejects.toThrow(new TypeError('ReqioClient.webhooks.redeliver: deliveryId must be a non-empty string'));
  });
});
