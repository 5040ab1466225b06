import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WEBHOOK_EVENT_TYPES, webhookEventSchema, type WebhookDelivery, type WebhookEndpoint } from '@reqio/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../server/src/config/load-config.js';
import { createProject } from '../../../server/src/services/projects/create-project.js';
import { startServer } from '../../../server/src/start-server.js';
import type { Database } from '../../../server/src/storage/database.js';
import type { WebhookWorker } from '../../../server/src/webhooks/create-webhook-worker.js';
import { verifyWebhookSignature } from '../../../server/src/webhooks/verify-webhook-signature.js';
import { WebhookVerificationError } from '../../../server/src/webhooks/webhook-verification-error.js';
import { startTestApp, type TestApp, type TestProject } from '../../helpers/start-test-app.js';
import { openTestDatabase, storeKinds } from '../../helpers/test-database.js';
import { ALLOW_PRIVATE_WEBHOOKS, startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver.js';
import { eventually, startWorker } from '../../helpers/webhook-worker.js';
import { identifyAs } from '../../helpers/widget-client.js';

async function createEndpoint(app: TestApp, receiver: WebhookReceiver, body: Record<string, unknown> = {}, project?: TestProject): Promise<WebhookEndpoint> {
  const response = await app.admin('/webhooks', { method: 'POST', body: JSON.stringify({ url: receiver.url, ...body }), ...(project && { project }) });
  expect(response.status).toBe(201);
  const created = (await response.json()) as { webhook: WebhookEndpoint; secret: string };
  receiver.secret = created.secret;
  return created.webhook;
}

async function deliveryLog(app: TestApp, webhookId: string, project?: TestProject): Promise<WebhookDelivery[]> {
  const response = await app.admin(`/webhooks/${webhookId}/deliveries`, project && { project });
  expect(response.status).toBe(200);
  return ((await response.json()) as { deliveries: WebhookDelivery[] }).deliveries;
}

describe.each(storeKinds)('webhook delivery on %s', (store) => {
  let app: TestApp;
  let project: TestProject;
  let receiver: WebhookReceiver;
  let worker: WebhookWorker | undefined;

  // One app for the suite; each test gets a project (and so endpoints) of its own.
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

  it('sends every event type, signed, to a receiver that verifies each delivery', async () => {
    const endpoint = await createEndpoint(app, receiver, {}, project);
    worker = startWorker(app);

    const author = await identifyAs(app, { sub: 'author', email: 'a@example.com', traits: { plan: 'pro', amount: 4900 } }, { project });
    const voter = await identifyAs(app, { sub: 'voter' }, { project });
    const request = (await author.json('POST', '/requests', { title: 'Slack integration', body: 'Post to a channel' })).body.request;
    await voter.json('PUT', `/requests/${request.id}/vote`);
    await voter.json('DELETE', `/requests/${request.id}/vote`);
    expect((await app.admin(`/requests/${request.id}`, { method: 'PATCH', body: JSON.stringify({ status: 'planned' }), project })).status).toBe(200);
    expect((await voter.json('POST', `/requests/${request.id}/comments`, { body: 'Yes please' })).status).toBe(201);
    expect((await app.admin(`/requests/${request.id}`, { method: 'PATCH', body: JSON.stringify({ title: 'Slack integration!' }), project })).status).toBe(200);
    const duplicate = (await voter.json('POST', '/requests', { title: 'Slack integration please' })).body.request;
    expect((await app.admin(`/requests/${duplicate.id}/merge`, { method: 'POST', body: JSON.stringify({ into: request.id }), project })).status).toBe(200);
    const doomed = (await author.json('POST', '/requests', { title: 'Short-lived' })).body.request;
    expect((await author.json('DELETE', `/requests/${doomed.id}`)).status).toBe(204);
    expect((await app.admin('/users/voter', { method: 'DELETE', project })).status).toBe(204);

    await receiver.waitFor((got) => got.length >= 13);
    expect(receiver.deliveries.map((delivery) => delivery.refused)).toEqual(Array(13).fill(undefined));
    const events = receiver.deliveries.map((delivery) => webhookEventSchema.parse(delivery.event));
    expect(new Set(events.map((event) => event.type))).toEqual(new Set(WEBHOOK_EVENT_TYPES));
    for (const [index, event] of events.entries()) {
      const { headers } = receiver.deliveries[index]!;
      expect(headers['webhook-id']).toBe(event.id);
      expect(headers['content-type']).toBe('application/json');
      expect(event.projectId).toBe(project.id);
    }
    // The first of each type (the second request's request.created comes later).
    const byType = Object.fromEntries(events.toReversed().map((event) => [event.type, event]));
    expect(byType['request.created']!.data).toEqual({
      request: { id: request.id, title: 'Slack integration', body: 'Post to a channel', status: 'open', votes: 1, createdAt: request.createdAt },
    });
    expect(byType['request.status_changed']!.data).toEqual({ request: { id: request.id, title: 'Slack integration' }, from: 'open', to: 'planned' });
    expect(byType['vote.created']!.data).toEqual({ requestId: request.id, votes: 2, identified: true });
    expect(byType['vote.deleted']!.data).toEqual({ requestId: request.id, votes: 1, identified: true });
    expect(byType['user.deleted']!.data).toEqual({ user: { id: 'voter' } });
    expect(byType['comment.created']!.data).toMatchObject({ comment: { requestId: request.id, body: 'Yes please', team: false, internal: false }, request: { id: request.id } });
    expect(byType['request.updated']!.data).toMatchObject({ request: { id: request.id, title: 'Slack integration!' }, changed: ['title'] });
    expect(byType['request.deleted']!.data).toEqual({ request: { id: doomed.id, title: 'Short-lived' } });
    expect(byType['request.merged']!.data).toEqual({ request: { id: duplicate.id, title: 'Slack integration please' }, into: { id: request.id, title: 'Slack integration!', votes: 2 } });
    const log = await eventually(() => deliveryLog(app, endpoint.id, project), (deliveries) => deliveries.every((delivery) => delivery.state === 'succeeded'));
    expect(log).toHaveLength(13);
  });

  it("delivers user.identified when an existing user's traits, company or company amount change, with what was stored", async () => {
    await createEndpoint(app, receiver, { events: ['user.identified'] }, project);
    worker = startWorker(app);
    const acme = { id: 'acme', name: 'Acme', plan: 'business', amount: 200000, interval: 'month' };
    await identifyAs(app, { sub: 'grower', traits: { plan: 'pro', amount: 4900, interval: 'month' } }, { project });
    // The same claims again: no event. Then a new amount (the account of one is re-weighed in the event's statement).
    await identifyAs(app, { sub: 'grower', traits: { plan: 'pro', amount: 4900, interval: 'month' } }, { project });
    await identifyAs(app, { sub: 'grower', traits: { plan: 'team', amount: 9900, interval: 'month' } }, { project });
    // Into a company, then the company's amount changes while the user's traits stay.
    await identifyAs(app, { sub: 'grower', traits: { plan: 'team', amount: 9900, interval: 'month' }, company: acme }, { project });
    await identifyAs(app, { sub: 'grower', traits: { plan: 'team', amount: 9900, interval: 'month' }, company: { ...acme, amount: 300000 } }, { project });
    await receiver.waitFor((got) => got.length >= 4);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const events = receiver.deliveries.map((delivery) => webhookEventSchema.parse(delivery.event));
    expect(events.map((event) => event.data)).toEqual([
      { user: { id: 'grower', email: null, plan: 'pro', monthlyAmount: 4900 }, company: null, created: true },
      { user: { id: 'grower', email: null, plan: 'team', monthlyAmount: 9900 }, company: null, created: false },
      { user: { id: 'grower', email: null, plan: 'team', monthlyAmount: 9900 }, company: expect.objectContaining({ id: 'acme', monthlyAmount: 200000 }), created: false },
      { user: { id: 'grower', email: null, plan: 'team', monthlyAmount: 9900 }, company: expect.objectContaining({ id: 'acme', monthlyAmount: 300000 }), created: false },
    ]);
  });

  it('answers the request that caused an event without waiting for the receiver', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    receiver.respond = async () => {
      await held;
      return { status: 204 };
    };
    const endpoint = await createEndpoint(app, receiver, { events: ['request.created', 'user.identified'] }, project);
    worker = startWorker(app, { concurrency: 1 }); // one at a time: the held delivery keeps the next one queued

    const user = await identifyAs(app, { sub: 'impatient' }, { project });
    await receiver.waitFor((got) => got.length === 1); // user.identified: now held by the receiver
    const created = await user.json('POST', '/requests', { title: 'Answered at once' });
    expect(created.status).toBe(201);
    expect(receiver.deliveries).toHaveLength(1); // still held: the request did not wait for it

    release();
    await receiver.waitFor((got) => got.length === 2);
    const log = await eventually(() => deliveryLog(app, endpoint.id, project), (deliveries) => deliveries.length === 2 && deliveries.every((d) => d.state === 'succeeded'));
    expect(log.map((delivery) => delivery.event.type).sort()).toEqual(['request.created', 'user.identified']);
  });

  it('gets the event to a receiver that fails three times on the fourth attempt, and the log shows all four', async () => {
    receiver.respond = (index) => (index < 3 ? { status: 500, body: `down (${index + 1})` } : { status: 204 });
    const endpoint = await createEndpoint(app, receiver, { events: ['request.created'] }, project);
    worker = startWorker(app);

    const user = await identifyAs(app, { sub: 'persistent' }, { project });
    await user.json('POST', '/requests', { title: 'Retry until it works' });
    await receiver.waitFor((got) => got.length === 4);

    // Every attempt carried the same event, id and body, each signed afresh and verified.
    expect(receiver.deliveries.map((delivery) => delivery.refused)).toEqual([undefined, undefined, undefined, undefined]);
    expect(new Set(receiver.deliveries.map((delivery) => delivery.headers['webhook-id'])).size).toBe(1);
    expect(new Set(receiver.deliveries.map((delivery) => delivery.body)).size).toBe(1);

    const [delivery] = await eventually(() => deliveryLog(app, endpoint.id, project), (deliveries) => deliveries[0]?.state === 'succeeded');
    expect(delivery).toMatchObject({ state: 'succeeded', attemptCount: 4, nextAttemptAt: null, completedAt: expect.any(String) });
    expect(delivery!.event).toEqual({ id: receiver.deliveries[0]!.headers['webhook-id'], type: 'request.created', createdAt: expect.any(String) });
    expect(delivery!.attempts.map(({ attempt, statusCode, succeeded, error, responseExcerpt }) => ({ attempt, statusCode, succeeded, error, responseExcerpt }))).toEqual([
      { attempt: 1, statusCode: 500, succeeded: false, error: null, responseExcerpt: 'down (1)' },
      { attempt: 2, statusCode: 500, succeeded: false, error: null, responseExcerpt: 'down (2)' },
      { attempt: 3, statusCode: 500, succeeded: false, error: null, responseExcerpt: 'down (3)' },
      { attempt: 4, statusCode: 204, succeeded: true, error: null, responseExcerpt: null },
    ]);
    for (const attempt of delivery!.attempts) expect(attempt.durationMs).toBeGreaterThanOrEqual(0);
    const starts = delivery!.attempts.map((attempt) => Date.parse(attempt.startedAt));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('rejects a tampered body, an old timestamp and a wrong secret with their codes', async () => {
    const endpoint = await createEndpoint(app, receiver, { events: ['user.identified'] }, project);
    const other = await startWebhookReceiver();
    await createEndpoint(app, other, { events: ['vote.created'] }, project); // another endpoint, another secret
    await other.close();
    worker = startWorker(app);
    await identifyAs(app, { sub: 'genuine' }, { project });
    await receiver.waitFor((got) => got.length === 1);
    const genuine = receiver.deliveries[0]!;
    expect(genuine.refused).toBeUndefined();

    const codeOf = (run: Promise<unknown>) => run.then(() => 'accepted', (error: unknown) => (error instanceof WebhookVerificationError ? error.code : String(error)));
    // Sent to the receiver with a changed body: refused 400, not acted on.
    const forged = await fetch(receiver.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...pick(genuine.headers, ['webhook-id', 'webhook-timestamp', 'webhook-signature']) },
      body: genuine.body.replace('"genuine"', '"someone-else"'),
    });
    expect(forged.status).toBe(400);
    expect(receiver.deliveries[1]!.refused).toBe('signature_invalid');
    // A genuine delivery replayed ten minutes later.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 10 * 60_000);
    try {
      expect(await codeOf(verifyWebhookSignature({ payload: genuine.body, headers: genuine.headers, secret: receiver.secret }))).toBe('timestamp_too_old');
    } finally {
      vi.useRealTimers();
    }
    // Checked with the other endpoint's secret.
    expect(await codeOf(verifyWebhookSignature({ payload: genuine.body, headers: genuine.headers, secret: other.secret }))).toBe('signature_invalid');
    expect(await codeOf(verifyWebhookSignature({ payload: genuine.body, headers: genuine.headers, secret: receiver.secret }))).toBe('accepted');
    expect((await deliveryLog(app, endpoint.id, project))).toHaveLength(1);
  });
});

describe.each(storeKinds)('webhook delivery across a restart on %s', (store) => {
  let db: Database;
  let receiver: WebhookReceiver;
  const apps: TestApp[] = [];
  const workers: WebhookWorker[] = [];

  beforeEach(async () => {
    db = await openTestDatabase(store);
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop();
    for (const app of apps.splice(0)) await app.close();
    await db.close();
    await receiver.close();
  });

  it('loses nothing when the service restarts in the middle of the retries', async () => {
    // Every instance of a deployment shares the master key that encrypts endpoint secrets.
    const env = { ...ALLOW_PRIVATE_WEBHOOKS, REQIO_MASTER_KEY: randomBytes(32).toString('base64') };
    const first = await startTestApp({ db, env });
    apps.push(first);
    let down = true;
    receiver.respond = () => (down ? { status: 503 } : { status: 200, body: 'ok' });
    const endpoint = await createEndpoint(first, receiver, { events: ['request.created'] });
    const firstWorker = startWorker(first, { retry: { initialDelayMs: 100, maxDelayMs: 100 } });
    workers.push(firstWorker);

    const user = await identifyAs(first, { sub: 'restart' });
    await user.json('POST', '/requests', { title: 'Survives a restart' });
    await receiver.waitFor((got) => got.length >= 2);

    // Stop the worker and the app (the store stays), as a deploy would; the attempt in flight is recorded first.
    await firstWorker.stop();
    workers.splice(workers.indexOf(firstWorker), 1);
    await first.close();
    apps.splice(apps.indexOf(first), 1);
    const failed = receiver.deliveries.length;
    const [waiting] = await deliveryLogFromStore(db, endpoint.id);
    expect(waiting).toMatchObject({ state: 'pending', attempt_count: failed });

    // A new instance on the same store finishes the job once the receiver is back.
    down = false;
    const second = await startTestApp({ db, env });
    apps.push(second);
    workers.push(startWorker(second));
    await receiver.waitFor((got) => got.length === failed + 1);
    const [delivery] = await eventually(() => deliveryLog(second, endpoint.id, first.project), (deliveries) => deliveries[0]?.state === 'succeeded');
    expect(delivery!.attempts.map((attempt) => attempt.statusCode)).toEqual([...Array(failed).fill(503), 200]);
    expect(delivery!.attempts.map((attempt) => attempt.attempt)).toEqual(Array.from({ length: failed + 1 }, (_, index) => index + 1));
    expect(receiver.deliveries.every((got) => got.refused === undefined)).toBe(true);
    expect(new Set(receiver.deliveries.map((got) => got.headers['webhook-id'])).size).toBe(1);
  });
});

function pick(headers: Record<string, unknown>, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, String(headers[name])]));
}

async function deliveryLogFromStore(db: Database, endpointId: string) {
  return db.query<{ state: string; attempt_count: number }>('select state, attempt_count from webhook_deliveries where endpoint_id = $1', [endpointId]);
}

describe('startServer', () => {
  it('runs the delivery worker beside the app, and stops it before closing the store', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'reqio-webhooks-'));
    const receiver = await startWebhookReceiver();
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', REQIO_DATA_DIR: dataDir, REQIO_MASTER_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'silent', ...ALLOW_PRIVATE_WEBHOOKS });
    const running = await startServer(config, { collectDefaultMetrics: false, webhooks: { pollIntervalMs: 20 } });
    try {
      const project = await createProject({ db: running.deps.db, cipher: running.deps.cipher, publicUrl: running.url }, { name: 'Served' });
      const created = await fetch(`${running.url}/v1/admin/projects/${project.project.id}/webhooks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${project.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: receiver.url }),
      });
      receiver.secret = ((await created.json()) as { secret: string }).secret;
      const request = await fetch(`${running.url}/v1/projects/${project.project.id}/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ anonymousId: 'anonymous_served_1' }),
      });
      const { session } = (await request.json()) as { session: string };
      await fetch(`${running.url}/v1/projects/${project.project.id}/requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Served by startServer' }),
      });
      await receiver.waitFor((got) => got.length === 1);
      expect(receiver.deliveries[0]!.event).toMatchObject({ type: 'request.created', data: { request: { title: 'Served by startServer' } } });
    } finally {
      await running.close();
      await receiver.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
