import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/src/storage/database.js';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';
import { openTestDatabase, storeKinds } from '../../helpers/test-database.js';
import { claims, signRaw } from '../../helpers/tokens.js';
import { ALLOW_PRIVATE_WEBHOOKS, startWebhookReceiver } from '../../helpers/webhook-receiver.js';
import { startWorker } from '../../helpers/webhook-worker.js';
import { identifyAs, identifyWithToken, widgetClient } from '../../helpers/widget-client.js';
import { within } from '../../helpers/within.js';

// Issue 13, finding 12: two instances on one store. A no-grace rotation or a user deleted
// on A was still accepted on B until B's caches expired (30 s and 5 s).
describe.each(storeKinds)('two instances on one %s store', (store) => {
  let db: Database;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    db = await openTestDatabase(store);
    const env = { ...ALLOW_PRIVATE_WEBHOOKS, REQIO_MASTER_KEY: randomBytes(32).toString('base64') };
    a = await startTestApp({ store, db, env });
    // B serves A's project under the same PUBLIC_URL, as instances behind one load balancer do.
    b = await startTestApp({ store, db, env: { ...env, PUBLIC_URL: a.url } });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    await db.close();
  });

  const identifyOnB = (token: string) =>
    fetch(`${b.url}/v1/projects/${a.project.id}/identify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });

  it('refuses the old secret and its sessions on B within 1 s of a no-grace rotation on A', async () => {
    const oldToken = () => signRaw({ alg: 'HS256' }, claims({ aud: a.project.audience, sub: 'rotated-user' }), a.project.secret);
    const first = await identifyOnB(oldToken());
    expect(first.status).toBe(200);
    const session = (await first.json()).session as string;
    const onB = { ...b, project: a.project };
    expect((await widgetClient(onB, session).call('GET', '/requests')).status).toBe(200);

    expect((await a.admin('/secrets', { method: 'POST', body: JSON.stringify({ gracePeriodSeconds: 0 }) })).status).toBe(200);
    expect(await within(1000, async () => (await identifyOnB(oldToken())).status === 401)).toBe(true);
    expect(await within(1000, async () => (await widgetClient(onB, session).call('GET', '/requests')).status === 401)).toBe(true);
  });

  it('ends the sessions of a user deleted on A on B within 1 s', async () => {
    const project = await a.createProject();
    const token = await a.mint({ sub: 'leaving-user' }, { project });
    const client = await identifyWithToken({ ...b, url: b.url }, token, { project });
    expect((await client.call('GET', '/requests')).status).toBe(200);
    expect((await a.admin('/users/leaving-user', { method: 'DELETE', project })).status).toBe(204);
    expect(await within(1000, async () => (await client.call('GET', '/requests')).status === 401)).toBe(true);
  });

  it("wakes B's webhook worker when A queues a delivery, without waiting for its poll", async () => {
    const project = await a.createProject();
    const receiver = await startWebhookReceiver();
    // B polls once a minute: only the change feed can bring the delivery within 1 s.
    const worker = startWorker(b, { pollIntervalMs: 60_000 });
    try {
      const created = await a.admin('/webhooks', { method: 'POST', body: JSON.stringify({ url: receiver.url, events: ['user.identified'] }), project });
      receiver.secret = ((await created.json()) as { secret: string }).secret;
      await new Promise((resolve) => setTimeout(resolve, 100)); // the worker's first look has found nothing and it sleeps
      await identifyAs(a, { sub: 'woken' }, { project });
      expect(await within(1000, async () => receiver.deliveries.length === 1)).toBe(true);
    } finally {
      await worker.stop();
      await receiver.close();
    }
  });
});
