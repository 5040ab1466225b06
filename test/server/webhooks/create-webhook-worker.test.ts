import { Writable } from 'node:stream';
import type { WebhookDelivery, WebhookEndpoint } from '@reqio/shared';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWebhookWorker, type WebhookWorker } from '../../../server/src/webhooks/create-webhook-worker.js';
import { startTestApp, type TestApp, type TestProject } from '../../helpers/start-test-app.js';
import { storeKinds } from '../../helpers/test-database.js';
import { ALLOW_PRIVATE_WEBHOOKS, startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver.js';
import { FAST_WORKER, eventually, startWorker } from '../../helpers/webhook-worker.js';
import { identifyAs } from '../../helpers/widget-client.js';

describe.each(storeKinds)('the webhook worker on %s', (store) => {
  let app: TestApp;
  let project: TestProject;
  let receiver: WebhookReceiver;
  const workers: WebhookWorker[] = [];
  const logLines: string[] = [];

  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    app = await startTestApp({ store, env: ALLOW_PRIVATE_WEBHOOKS, logger: pino({ level: 'debug' }, logStream) });
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    project = await app.createProject();
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop();
    await receiver.close();
  });

  const run = (options: Parameters<typeof startWorker>[1] = {}) => {
    const worker = startWorker(app, options);
    workers.push(worker);
    return worker;
  };

  async function createEndpoint(url: string, body: Record<string, unknown> = {}): Promise<WebhookEndpoint> {
    const response = await app.admin('/webhooks', { method: 'POST', body: JSON.stringify({ url, ...body }), project });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { webhook: WebhookEndpoint; secret: string };
    receiver.secret = created.secret;
    return created.webhook;
  }

  const log = async (webhookId: string): Promise<WebhookDelivery[]> =>
    ((await (await app.admin(`/webhooks/${webhookId}/deliveries`, { project })).json()) as { deliveries: WebhookDelivery[] }).deliveries;

  const countRows = async (table: string, projectId: string) =>
    Number((await app.db.query<{ count: number }>(`select count(*) as count from ${table} where project_id = $1`, [projectId]))[0]!.count);

  it('queues an event in the transaction that caused it: rolled back with it, and nothing at all for a project without endpoints', async () => {
    await createEndpoint(receiver.url);
    await expect(
      app.db.transaction(async (tx) => {
        await app.deps.events.emit(tx, { type: 'user.deleted', projectId: project.id, data: { user: { id: 'gone' } } });
        expect(Number((await tx.query<{ count: number }>('select count(*) as count from webhook_events where project_id = $1', [project.id]))[0]!.count)).toBe(1);
        throw new Error('the service failed after emitting');
      }),
    ).rejects.toThrow('the service failed after emitting');
    expect(await countRows('webhook_events', project.id)).toBe(0);

    const quiet = await app.createProject({ name: 'No endpoints' });
    await identifyAs(app, { sub: 'someone' }, { project: quiet });
    expect(await countRows('webhook_events', quiet.id)).toBe(0);
  });

  it("writes a vote's event in the vote's own statement: the same payload text emit writes, one delivery per subscribed endpoint, none for a vote that changed nothing", async () => {
    const votes = await createEndpoint(receiver.url, { events: ['vote.created', 'vote.deleted'] });
    await createEndpoint(receiver.url, { events: ['request.created'] });
    const everything = await createEndpoint(receiver.url);
    const user = await identifyAs(app, { sub: 'one-statement' }, { project });
    const request = (await user.json('POST', '/requests', { title: 'One round trip' })).body.request;
    const voter = await identifyAs(app, { sub: 'one-statement-voter' }, { project });
    expect((await voter.json('PUT', `/requests/${request.id}/vote`)).body).toEqual({ voted: true, votes: 2 });
    expect((await voter.json('PUT', `/requests/${request.id}/vote`)).body).toEqual({ voted: true, votes: 2 });
    expect((await voter.json('DELETE', `/requests/${request.id}/vote`)).body).toEqual({ voted: false, votes: 1 });
    expect((await voter.json('DELETE', `/requests/${request.id}/vote`)).body).toEqual({ voted: false, votes: 1 });
    const events = await app.db.query<{ id: string; type: string; payload: string; created_at: Date }>(
      `select id, type, payload, created_at from webhook_events where project_id = $1 and type like 'vote.%' order by created_at, type`,
      [project.id],
    );
    expect(events.map((event) => event.type)).toEqual(['vote.created', 'vote.deleted']);
    for (const [event, votesAfter] of [[events[0]!, 2], [events[1]!, 1]] as const) {
      // Byte for byte what JSON.stringify of the same event writes (what emit stores).
      const expected = JSON.stringify({ id: event.id, type: event.type, timestamp: event.created_at.toISOString(), projectId: project.id, data: { requestId: request.id, votes: votesAfter, identified: true } });
      expect(event.payload).toBe(expected);
      const deliveries = await app.db.query<{ id: string; endpoint_id: string }>('select id, endpoint_id from webhook_deliveries where event_id = $1 order by endpoint_id', [event.id]);
      expect(deliveries.map((delivery) => delivery.endpoint_id).sort()).toEqual([votes.id, everything.id].sort());
      for (const delivery of deliveries) expect(delivery.id).toMatch(/^dlv_[A-Za-z0-9_-]{22}$/);
    }
  });

  it('sends only the subscribed events, and pauses a disabled endpoint until it is enabled again', async () => {
    const endpoint = await createEndpoint(receiver.url, { events: ['vote.created'] });
    const user = await identifyAs(app, { sub: 'filter' }, { project });
    const request = (await user.json('POST', '/requests', { title: 'Filtered' })).body.request;
    const other = await identifyAs(app, { sub: 'other-voter' }, { project });
    await other.json('PUT', `/requests/${request.id}/vote`);
    expect((await log(endpoint.id)).map((delivery) => delivery.event.type)).toEqual(['vote.created']);

    // Disabled: the queued delivery waits, and new events are not queued for it.
    await app.admin(`/webhooks/${endpoint.id}`, { method: 'PATCH', body: JSON.stringify({ enabled: false }), project });
    run();
    await other.json('DELETE', `/requests/${request.id}/vote`);
    await other.json('PUT', `/requests/${request.id}/vote`);
    await new Promise((resolve) => setTimeout(resolve, 200)); // ten polls
    expect(receiver.deliveries).toHaveLength(0);
    expect((await log(endpoint.id)).map((delivery) => delivery.state)).toEqual(['pending']);

    await app.admin(`/webhooks/${endpoint.id}`, { method: 'PATCH', body: JSON.stringify({ enabled: true }), project });
    await receiver.waitFor((got) => got.length === 1);
    expect(receiver.deliveries[0]!.event).toMatchObject({ type: 'vote.created', data: { requestId: request.id, votes: 2 } });
    await eventually(() => log(endpoint.id), (deliveries) => deliveries.length === 1 && deliveries[0]!.state === 'succeeded');
  });

  it('delivers each event exactly once with several workers claiming side by side', async () => {
    await createEndpoint(receiver.url, { events: ['vote.created'] });
    const user = await identifyAs(app, { sub: 'many' }, { project });
    const requests = [];
    for (let index = 0; index < 12; index += 1) requests.push((await user.json('POST', '/requests', { title: `Request number ${index}` })).body.request);
    const voter = await identifyAs(app, { sub: 'many-voter' }, { project });
    for (const request of requests) await voter.json('PUT', `/requests/${request.id}/vote`);

    run({ concurrency: 3 });
    run({ concurrency: 3 });
    run({ concurrency: 3 });
    await receiver.waitFor((got) => got.length >= 12);
    await new Promise((resolve) => setTimeout(resolve, 200)); // room for a duplicate to show up
    const ids = receiver.deliveries.map((delivery) => delivery.headers['webhook-id']);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
  });

  it('lets another instance take over a delivery whose owner went silent, once its lease ends', async () => {
    const endpoint = await createEndpoint(receiver.url, { events: ['user.identified'] });
    // The first worker's attempt hangs (a frozen process), far past its lease.
    let unfreeze!: (response: Response) => void;
    const frozen = new Promise<Response>((resolve) => (unfreeze = resolve));
    const stuck = run({ leaseMs: 300, attemptTimeoutMs: 200, concurrency: 1, fetch: () => frozen }); // its one slot stays taken
    await identifyAs(app, { sub: 'takeover' }, { project });
    await eventually(() => log(endpoint.id), (deliveries) => deliveries[0]?.attemptCount === 1);
    const stuckStopped = stuck.stop(); // it claims nothing more, but its frozen attempt stays in flight
    workers.splice(workers.indexOf(stuck), 1);

    run({ leaseMs: 5000 });
    await receiver.waitFor((got) => got.length === 1);
    await eventually(() => log(endpoint.id), (deliveries) => deliveries[0]?.state === 'succeeded');

    // The frozen attempt finally ends with a failure: logged, but it must not undo the success.
    unfreeze(new Response('late', { status: 500 }));
    await stuckStopped;
    const [delivery] = await eventually(() => log(endpoint.id), (deliveries) => deliveries[0]!.attempts.length === 2);
    expect(delivery!.state).toBe('succeeded');
    expect(delivery!.attempts.map(({ attempt, statusCode }) => ({ attempt, statusCode }))).toEqual([
      { attempt: 1, statusCode: 500 },
      { attempt: 2, statusCode: 204 },
    ]);
  }, 30_000);

  it('bounds each attempt: a timeout, an unfollowed redirect and a long answer cut to an excerpt', async () => {
    receiver.respond = async (index) => {
      if (index === 0) {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        return { status: 204 };
      }
      if (index === 1) return { status: 302, body: '' };
      return { status: 500, body: 'x'.repeat(20_000) };
    };
    const endpoint = await createEndpoint(receiver.url, { events: ['user.identified'] });
    run({ attemptTimeoutMs: 300, retry: { maxAttempts: 3 } });
    await identifyAs(app, { sub: 'bounded' }, { project });
    const [delivery] = await eventually(() => log(endpoint.id), (deliveries) => deliveries[0]?.state === 'failed');
    expect(delivery!.attempts.map(({ statusCode, error }) => ({ statusCode, error }))).toEqual([
      { statusCode: null, error: 'timeout after 300 ms' },
      { statusCode: 302, error: null },
      { statusCode: 500, error: null },
    ]);
    expect(delivery!.attempts[2]!.responseExcerpt).toBe('x'.repeat(500));
    expect(delivery).toMatchObject({ attemptCount: 3, nextAttemptAt: null, completedAt: expect.any(String) });
  });

  it('records an unreachable receiver and keeps the endpoint secret and URL out of the logs', async () => {
    const closed = await startWebhookReceiver();
    const url = `${closed.url}?token=sensitive-path-token`;
    await closed.close();
    const endpoint = await createEndpoint(url, { events: ['user.identified'] });
    const secret = (await (await app.admin(`/webhooks/${endpoint.id}/secret`, { project })).json()) as { secret: string };
    run({ retry: { maxAttempts: 2 } });
    await identifyAs(app, { sub: 'unreachable' }, { project });
    const [delivery] = await eventually(() => log(endpoint.id), (deliveries) => deliveries[0]?.state === 'failed');
    expect(delivery!.attempts.map(({ statusCode, error }) => ({ statusCode, error }))).toEqual([
      { statusCode: null, error: 'ECONNREFUSED' },
      { statusCode: null, error: 'ECONNREFUSED' },
    ]);
    const logs = logLines.join('');
    expect(logs).toContain('webhook attempt failed');
    expect(logs).not.toContain(secret.secret);
    expect(logs).not.toContain(secret.secret.slice(6));
    expect(logs).not.toContain('sensitive-path-token');
  });

  it('refuses settings that cannot work, naming them', () => {
    const make = (options: Parameters<typeof createWebhookWorker>[1]) => () => createWebhookWorker(app.deps, { ...FAST_WORKER, ...options });
    expect(make({ leaseMs: 1000, attemptTimeoutMs: 2000 })).toThrow(
      new TypeError('createWebhookWorker: leaseMs must be longer than attemptTimeoutMs, or a slow attempt would be taken over mid-flight'),
    );
    expect(make({ concurrency: 0 })).toThrow(new TypeError('createWebhookWorker: concurrency must be a number, 1 or more'));
    expect(make({ retry: { maxAttempts: 0 } })).toThrow(new TypeError('webhook retry policy: maxAttempts must be a whole number from 1 to 50'));
  });
});
