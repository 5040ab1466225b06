import { randomBytes } from 'node:crypto';
import type { WebhookDelivery, WebhookEndpoint } from '@reqio/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sendWebhook } from '../../../server/src/webhooks/send-webhook.js';
import { createWebhookTargetGuard } from '../../../server/src/webhooks/webhook-target-guard.js';
import type { WebhookWorker } from '../../../server/src/webhooks/create-webhook-worker.js';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';
import { openTestDatabase, storeKinds } from '../../helpers/test-database.js';
import { ALLOW_PRIVATE_WEBHOOKS, startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver.js';
import { eventually, startWorker } from '../../helpers/webhook-worker.js';
import { identifyAs } from '../../helpers/widget-client.js';

// Issue 13, finding 1: webhook URLs reaching the service's own network were accepted, and
// the delivery log showed the internal service's answer.
describe.each(storeKinds)('the webhook SSRF guard on %s', (store) => {
  let guarded: TestApp;
  let receiver: WebhookReceiver;
  let worker: WebhookWorker | undefined;
  beforeAll(async () => {
    guarded = await startTestApp({ store });
    receiver = await startWebhookReceiver(() => ({ status: 200, body: 'internal-secret-answer' }));
  });
  afterAll(async () => {
    await receiver.close();
    await guarded.close();
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });

  it.each([
    ['the loopback receiver', () => receiver.url],
    ['[::1]', () => 'http://[::1]:8080/internal'],
    ['0x7f000001', () => 'http://0x7f000001/internal'],
    ['2130706433', () => 'http://2130706433/internal'],
    ['the metadata service', () => 'http://169.254.169.254/latest/meta-data/'],
    ['a private address', () => 'https://10.0.0.8/hooks'],
    ['a unique-local address', () => 'https://[fd00::1]/hooks'],
    ['an IPv4-mapped loopback', () => 'http://[::ffff:127.0.0.1]/hooks'],
    ['localhost', () => 'http://localhost:9/hooks'],
    ['0.0.0.0', () => 'http://0.0.0.0:9/hooks'],
  ])('refuses to create an endpoint at %s with 400 validation_failed on url', async (_name, url) => {
    const response = await guarded.admin('/webhooks', { method: 'POST', body: JSON.stringify({ url: url() }) });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toMatchObject({ code: 'validation_failed', fields: { url: expect.stringContaining('refused') } });
  });

  it('refuses to move an endpoint to a private address', async () => {
    const created = await guarded.admin('/webhooks', { method: 'POST', body: JSON.stringify({ url: 'https://93.184.216.34/hooks' }) });
    expect(created.status).toBe(201);
    const { webhook } = (await created.json()) as { webhook: WebhookEndpoint };
    const moved = await guarded.admin(`/webhooks/${webhook.id}`, { method: 'PATCH', body: JSON.stringify({ url: 'http://127.0.0.1:1/x' }) });
    expect(moved.status).toBe(400);
    expect((await moved.json()).error.fields.url).toContain('loopback');
  });

  it('checks again at delivery: a target that became private is never contacted, and no answer is stored', async () => {
    const db = await openTestDatabase(store);
    // One store, two instances: the endpoint was accepted where private targets are allowed
    // (as after a DNS change), the worker runs where they are not.
    const masterKey = randomBytes(32).toString('base64');
    const lenient = await startTestApp({ store, db, env: { ...ALLOW_PRIVATE_WEBHOOKS, REQIO_MASTER_KEY: masterKey } });
    const strict = await startTestApp({ store, db, env: { REQIO_MASTER_KEY: masterKey } });
    try {
      const created = await lenient.admin('/webhooks', { method: 'POST', body: JSON.stringify({ url: receiver.url }) });
      expect(created.status).toBe(201);
      const { webhook, secret } = (await created.json()) as { webhook: WebhookEndpoint; secret: string };
      receiver.secret = secret;
      worker = startWorker(strict, { retry: { maxAttempts: 1 } });
      await identifyAs(lenient, { sub: 'ssrf-probe' });
      const [delivery] = await eventually(
        async () => ((await (await lenient.admin(`/webhooks/${webhook.id}/deliveries`)).json()) as { deliveries: WebhookDelivery[] }).deliveries,
        (deliveries) => deliveries.length > 0 && deliveries[0]!.state === 'failed',
      );
      expect(delivery!.attempts).toHaveLength(1);
      expect(delivery!.attempts[0]).toMatchObject({ statusCode: null, responseExcerpt: null, error: expect.stringContaining('refused') });
      expect(receiver.deliveries).toEqual([]);
    } finally {
      await worker?.stop();
      worker = undefined;
      await strict.close();
      await lenient.close();
      await db.close();
    }
  });
});

describe('createWebhookTargetGuard', () => {
  it('checks every address a host resolves to', async () => {
    const guard = createWebhookTargetGuard({
      allowPrivate: false,
      lookup: async () => [
        { address: '93.184.216.34', family: 4 },
        { address: '10.1.2.3', family: 4 },
      ],
    });
    await expect(guard.resolve('https://hooks.example.com/x')).rejects.toMatchObject({ reason: expect.stringContaining('private address (10.1.2.3)') });
    await expect(guard.check('https://hooks.example.com/x')).rejects.toMatchObject({ name: 'WebhookTargetRefusedError' });
  });

  it.each(['64:ff9b::7f00:1', '2002:7f00:1::', '100.64.0.1', 'fe80::1'])('refuses %s (an embedded or non-public range)', async (address) => {
    const guard = createWebhookTargetGuard({ allowPrivate: false, lookup: async () => [{ address, family: 6 }] });
    await expect(guard.resolve('https://hooks.example.com/x')).rejects.toMatchObject({ name: 'WebhookTargetRefusedError' });
  });

  it('accepts public addresses and, at creation, a host that does not resolve yet', async () => {
    const guard = createWebhookTargetGuard({ allowPrivate: false, lookup: async () => [{ address: '2606:4700::1', family: 6 }] });
    await expect(guard.resolve('https://hooks.example.com/x')).resolves.toEqual([{ address: '2606:4700::1', family: 6 }]);
    const unresolvable = createWebhookTargetGuard({ allowPrivate: false, lookup: async () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' })) });
    await expect(unresolvable.check('https://not-yet.example.com/x')).resolves.toBeUndefined();
  });

  it('connects to the address it checked, keeping the host name for the Host header', async () => {
    const receiver = await startWebhookReceiver();
    try {
      let lookups = 0;
      const guard = createWebhookTargetGuard({
        allowPrivate: true,
        lookup: async () => {
          lookups += 1;
          return [{ address: '127.0.0.1', family: 4 }];
        },
      });
      // .invalid never resolves in real DNS: only the checked address can have been used.
      const url = receiver.url.replace('127.0.0.1', 'receiver.invalid');
      const result = await sendWebhook({ url, headers: { 'webhook-id': 'msg_1', 'webhook-timestamp': '1', 'webhook-signature': 'v1,x' }, body: '{}', timeoutMs: 2000, guard });
      expect(result).toMatchObject({ statusCode: 400, error: null });
      expect(lookups).toBe(1);
      expect(receiver.deliveries).toHaveLength(1);
      expect(receiver.deliveries[0]!.headers.host).toBe(new URL(url).host);
    } finally {
      await receiver.close();
    }
  });
});
