import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintIdentityToken } from '@reqio/server/mint';
import { createSecretCipher } from '../../server/src/identity/secret-cipher.js';
import { createProject } from '../../server/src/services/projects/create-project.js';
import { migrate } from '../../server/src/storage/migrate.js';
import { openPostgres } from '../../server/src/storage/open-postgres.js';
import { spawnService, type SpawnedService } from '../helpers/spawn-service.js';
import { createTestSchema } from '../helpers/test-database.js';
import { ALLOW_PRIVATE_WEBHOOKS, startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';
import { within } from '../helpers/within.js';

// Each request comes from an address of its own (the services trust X-Forwarded-For), so the
// per-IP limits of this suite never meet another run's in the shared Redis.
const randomIp = () => `10.${randomBytes(3).join('.')}`;
const WRITES_PER_IP = 5;

// CONTRACT §5 and issue 13: two `reqio start` processes on one PostgreSQL + Redis are one service.
describe.runIf(process.env.TEST_DATABASE_URL && process.env.REDIS_URL)('two instances on one PostgreSQL and Redis', () => {
  const publicUrl = 'http://reqio.multi.test';
  const masterKey = randomBytes(32);
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let a: SpawnedService;
  let b: SpawnedService;
  let project: { id: string; audience: string; secret: string; apiKey: string };
  let cwd: string;

  beforeAll(async () => {
    schema = await createTestSchema();
    const db = await openPostgres(process.env.TEST_DATABASE_URL!, { schema: schema.name, max: 2 });
    await migrate(db);
    const created = await createProject({ db, cipher: createSecretCipher(masterKey), publicUrl }, { name: 'Fleet' });
    await db.close();
    project = { id: created.project.id, audience: created.audience, secret: created.secret, apiKey: created.apiKey };
    cwd = mkdtempSync(path.join(tmpdir(), 'reqio-fleet-'));
    const env = {
      ...ALLOW_PRIVATE_WEBHOOKS,
      DATABASE_URL: schema.databaseUrl,
      REDIS_URL: process.env.REDIS_URL!,
      REQIO_MASTER_KEY: masterKey.toString('base64'),
      PUBLIC_URL: publicUrl,
      REQIO_TRUST_PROXY: 'true',
      REQIO_RATE_LIMIT_WRITES_PER_IP: String(WRITES_PER_IP),
      REQIO_RATE_LIMIT_IDENTIFY_PER_IP: '100000',
      REQIO_RATE_LIMIT_IDENTIFY_PER_PROJECT: '100000',
      REQIO_RATE_LIMIT_WRITES_PER_PROJECT: '100000',
    };
    [a, b] = await Promise.all([spawnService(env, [], { cwd }), spawnService(env, [], { cwd })]);
  }, 120_000);
  afterAll(async () => {
    for (const service of [a, b]) service?.child.kill('SIGKILL');
    await Promise.all([a?.exited, b?.exited]);
    await schema?.drop();
  });

  const mint = (sub: string, secret = project.secret) => mintIdentityToken({ sub, traits: { amount: 1000 } }, { secret, audience: project.audience });
  const identify = async (service: SpawnedService, token: string) =>
    fetch(`${service.url}/v1/projects/${project.id}/identify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': randomIp() },
      body: JSON.stringify({ token }),
    });
  const sessionOf = async (service: SpawnedService, sub: string) => {
    const response = await identify(service, await mint(sub));
    expect(response.status).toBe(200);
    return ((await response.json()) as { session: string }).session;
  };
  const widget = (service: SpawnedService, session: string, method: string, route: string, body?: unknown, ip = randomIp()) =>
    fetch(`${service.url}/v1/projects/${project.id}${route}`, {
      method,
      headers: { authorization: `Bearer ${session}`, 'x-forwarded-for': ip, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  const admin = (service: SpawnedService, method: string, route: string, body?: unknown) =>
    fetch(`${service.url}/v1/admin/projects/${project.id}${route}`, {
      method,
      headers: { authorization: `Bearer ${project.apiKey}`, 'x-forwarded-for': randomIp(), ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });

  it('takes a session from A on B', async () => {
    const session = await sessionOf(a, 'traveller');
    expect((await widget(b, session, 'GET', '/requests')).status).toBe(200);
    expect((await widget(b, session, 'POST', '/requests', { title: 'Made on B with a session from A' })).status).toBe(201);
  });

  it('refuses the old secret and its sessions on B within 1 s of a no-grace rotation on A', async () => {
    const oldToken = await mint('rotated');
    const first = await identify(b, oldToken);
    expect(first.status).toBe(200);
    const session = ((await first.json()) as { session: string }).session;
    const rotated = await admin(a, 'POST', '/secrets', { gracePeriodSeconds: 0 });
    expect(rotated.status).toBe(200);
    const newSecret = ((await rotated.json()) as { secret: string }).secret;
    expect(await within(1000, async () => (await identify(b, await mint('rotated'))).status === 401)).toBe(true);
    expect(await within(1000, async () => (await widget(b, session, 'GET', '/requests')).status === 401)).toBe(true);
    project.secret = newSecret;
    expect((await identify(b, await mint('rotated'))).status).toBe(200);
  });

  it('refuses a user deleted on A on B within 1 s', async () => {
    const session = await sessionOf(b, 'leaving');
    expect((await widget(b, session, 'GET', '/requests')).status).toBe(200);
    expect((await admin(a, 'DELETE', '/users/leaving')).status).toBe(204);
    expect(await within(1000, async () => (await widget(b, session, 'GET', '/requests')).status === 401)).toBe(true);
  });

  it("shows a vote and a new request made on A in B's cached list well within its 1 s TTL (the change feed)", async () => {
    const session = await sessionOf(a, 'list-watcher');
    const created = await widget(a, session, 'POST', '/requests', { title: 'Watched across instances' });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { request: { id: string } }).request.id;
    const listOnB = async () => ((await (await widget(b, session, 'GET', '/requests?sort=new&limit=200')).json()) as { requests: { id: string; votes: number }[] }).requests;
    expect(await within(1000, async () => (await listOnB()).some((request) => request.id === id))).toBe(true);
    const voter = await sessionOf(b, 'list-voter');
    // B's page is read (and kept) just before each write on A: only the feed can drop it sooner than the TTL.
    await listOnB();
    await listOnB();
    const started = Date.now();
    expect((await widget(a, voter, 'PUT', `/requests/${id}/vote`)).status).toBe(200);
    expect(await within(1000, async () => (await listOnB()).find((request) => request.id === id)?.votes === 2)).toBe(true);
    const voteSeenAfter = Date.now() - started;
    await listOnB();
    const second = await widget(a, session, 'POST', '/requests', { title: 'Second watched request' });
    const secondId = ((await second.json()) as { request: { id: string } }).request.id;
    const createdAt = Date.now();
    expect(await within(1000, async () => (await listOnB()).some((request) => request.id === secondId))).toBe(true);
    const createSeenAfter = Date.now() - createdAt;
    // Without the feed each would take until the TTL ran out (about 1 s after the page was read).
    expect(Math.min(voteSeenAfter, createSeenAfter)).toBeLessThan(600);
  });

  it('shares the per-IP write limit between the instances (Redis)', async () => {
    const session = await sessionOf(a, 'writer');
    const ip = randomIp();
    const statuses: number[] = [];
    for (let index = 0; index < WRITES_PER_IP; index += 1) {
      const service = index % 2 === 0 ? a : b;
      statuses.push((await widget(service, session, 'POST', '/requests', { title: `Write number ${index}` }, ip)).status);
    }
    expect(statuses).toEqual(Array(WRITES_PER_IP).fill(201));
    expect((await widget(a, session, 'POST', '/requests', { title: 'One too many on A' }, ip)).status).toBe(429);
    expect((await widget(b, session, 'POST', '/requests', { title: 'One too many on B' }, ip)).status).toBe(429);
  });

  describe('webhooks', () => {
    let receiver: WebhookReceiver;
    beforeAll(async () => {
      receiver = await startWebhookReceiver();
    });
    afterAll(() => receiver.close());

    it('delivers each event once although both instances run workers', async () => {
      const created = await admin(a, 'POST', '/webhooks', { url: receiver.url, events: ['user.identified'] });
      expect(created.status).toBe(201);
      receiver.secret = ((await created.json()) as { secret: string }).secret;
      const subs = Array.from({ length: 12 }, (_, index) => `hooked-${index}`);
      await Promise.all(subs.map(async (sub, index) => expect((await identify(index % 2 === 0 ? a : b, await mint(sub))).status).toBe(200)));
      await receiver.waitFor((got) => got.length >= subs.length);
      // Both workers have had time to look again: nothing more arrives.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(receiver.deliveries.map((delivery) => delivery.refused)).toEqual(Array(subs.length).fill(undefined));
      const ids = receiver.deliveries.map((delivery) => delivery.headers['webhook-id']);
      expect(new Set(ids).size).toBe(subs.length);
      expect(receiver.deliveries).toHaveLength(subs.length);
    });
  });

  it('loses no acknowledged vote when A is SIGKILLed mid-burst, and B keeps serving', async () => {
    const author = await sessionOf(b, 'author');
    const request = ((await (await widget(b, author, 'POST', '/requests', { title: 'Voted on during a crash' })).json()) as { request: { id: string; votes: number } }).request;
    const requestId = request.id;
    const voters = await Promise.all(Array.from({ length: 60 }, async (_, index) => ({ sub: `voter-${index}`, session: await sessionOf(b, `voter-${index}`) })));
    const acknowledged: string[] = [];
    let answered = 0;
    await Promise.all(
      voters.map(async (voter) => {
        try {
          const response = await widget(a, voter.session, 'PUT', `/requests/${requestId}/vote`);
          answered += 1;
          if (response.ok) acknowledged.push(voter.sub);
          if (answered === 20) a.child.kill('SIGKILL');
        } catch {
          // the connection died with A: not acknowledged, no promise made
        }
      }),
    );
    expect(await a.exited).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(15);

    // B still serves: every acknowledged vote is there, and the rest can vote now.
    for (const voter of voters) {
      const listed = (await (await widget(b, voter.session, 'GET', '/requests?sort=new')).json()) as { requests: { id: string; voted: boolean }[] };
      const voted = listed.requests.find((request) => request.id === requestId)!.voted;
      if (acknowledged.includes(voter.sub)) expect(voted, voter.sub).toBe(true);
      if (!voted) expect((await widget(b, voter.session, 'PUT', `/requests/${requestId}/vote`)).status).toBe(200);
    }
    const detail = (await (await admin(b, 'GET', `/requests/${requestId}`)).json()) as { request: { votes: number } };
    expect(detail.request.votes).toBe(request.votes + voters.length); // the author's own vote, and every voter's once
    expect(readdirSync(cwd)).toEqual([]); // with DATABASE_URL nothing is written to disk
  }, 120_000);
});
