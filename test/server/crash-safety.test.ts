import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { mintIdentityToken } from '@reqio/server/mint';
import { runCli } from '../helpers/run-cli.js';
import { spawnService, type SpawnedService } from '../helpers/spawn-service.js';
import { startSmtpReceiver } from '../helpers/smtp-receiver.js';
import { storeKinds } from '../helpers/test-database.js';

const HIGH_LIMITS = {
  REQIO_RATE_LIMIT_IDENTIFY_PER_IP: '100000',
  REQIO_RATE_LIMIT_IDENTIFY_PER_PROJECT: '100000',
  REQIO_RATE_LIMIT_WRITES_PER_IP: '100000',
  REQIO_RATE_LIMIT_WRITES_PER_PROJECT: '100000',
};

/** The environment of a service on `store`: its own data dir, and its own schema on PostgreSQL. */
async function serviceEnv(store: string): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  const env: Record<string, string> = { ...HIGH_LIMITS, REQIO_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'reqio-crash-')) };
  if (store !== 'postgres') return { env, cleanup: async () => {} };
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `reqio_crash_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  env.DATABASE_URL = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  env.REQIO_MASTER_KEY = randomBytes(32).toString('base64');
  return {
    env,
    cleanup: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    },
  };
}

describe.each(storeKinds)('crash safety on %s', (store) => {
  const running: SpawnedService[] = [];
  afterAll(() => {
    for (const service of running) service.child.kill('SIGKILL');
  });

  it('keeps every vote that got a 2xx when the server is SIGKILLed mid-burst', async () => {
    const { env, cleanup } = await serviceEnv(store);
    try {
      // A project of its own (with DATABASE_URL there is no demo project unless --demo).
      const created = await runCli(['project', 'create', '--name', 'Crash', '--json'], { env });
      expect(created.stderr).toBe('');
      const demo = JSON.parse(created.stdout) as { id: string; secret: string; apiKey: string };
      const first = await spawnService(env);
      running.push(first);
      const api = `${first.url}/v1/projects/${demo.id}`;
      const audience = `${first.url}/p/${demo.id}`;

      const sessions: { sub: string; session: string }[] = [];
      for (let i = 0; i < 12; i += 1) {
        // Eight voters in three companies (counted once per request), four on their own.
        const company = i < 8 ? { company: { id: `company-${i % 3}`, amount: 50_000 * ((i % 3) + 1) } } : {};
        const token = await mintIdentityToken({ sub: `voter-${i}`, traits: { amount: 1000 * (i + 1) }, ...company }, { secret: demo.secret, audience });
        const body = (await (await fetch(`${api}/identify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) })).json()) as { session: string };
        sessions.push({ sub: `voter-${i}`, session: body.session });
      }
      const requestIds: string[] = [];
      for (let i = 0; i < 10; i += 1) {
        const response = await fetch(`${api}/requests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${sessions[i]!.session}` },
          body: JSON.stringify({ title: `Request number ${i}` }),
        });
        requestIds.push(((await response.json()) as { request: { id: string } }).request.id);
      }

      // Every (voter, request) pair once, fired concurrently; kill the server while they are in flight.
      const pairs = sessions.flatMap((voter) => requestIds.map((requestId) => ({ voter, requestId })));
      const acknowledged: { sub: string; requestId: string }[] = [];
      let answered = 0;
      const burst = pairs.map(async ({ voter, requestId }) => {
        try {
          const response = await fetch(`${api}/requests/${requestId}/vote`, { method: 'PUT', headers: { authorization: `Bearer ${voter.session}` } });
          answered += 1;
          if (response.ok) acknowledged.push({ sub: voter.sub, requestId });
          if (answered === 40) first.child.kill('SIGKILL');
        } catch {
          // the connection died with the server: not acknowledged, so no promise was made
        }
      });
      await Promise.all(burst);
      expect(await first.exited).toBe('SIGKILL');
      expect(acknowledged.length).toBeGreaterThanOrEqual(30);
      expect(acknowledged.length).toBeLessThan(pairs.length);

      // Restart on the same store: every acknowledged vote is there, and the totals agree with the votes.
      const second = await spawnService(env);
      running.push(second);
      const admin = (p: string) => fetch(`${second.url}/v1/admin/projects/${demo.id}${p}`, { headers: { authorization: `Bearer ${demo.apiKey}` } });
      type Detail = {
        voters: { id: string }[];
        accounts: { account: { monthlyAmount: number }; users: unknown[] }[];
        request: { votes: number; accounts: number; monthlyRevenue: number };
        anonymousVotes: number;
      };
      const votersByRequest = new Map<string, Detail>();
      for (const requestId of requestIds) votersByRequest.set(requestId, (await (await admin(`/requests/${requestId}`)).json()) as never);
      for (const { sub, requestId } of acknowledged) {
        expect(votersByRequest.get(requestId)!.voters.map((v) => v.id), `${sub} on ${requestId}`).toContain(sub);
      }
      for (const detail of votersByRequest.values()) {
        expect(detail.request.votes).toBe(detail.voters.length + detail.anonymousVotes);
        // Revenue counted once per account: the companies' amounts, not their people's.
        expect(detail.request.accounts).toBe(detail.accounts.length);
        expect(detail.request.monthlyRevenue).toBe(detail.accounts.reduce((sum, group) => sum + group.account.monthlyAmount, 0));
      }
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      await cleanup();
    }
  }, 120_000);

  it('sends every change\'s email exactly once when the server is SIGKILLed with emails queued and in flight', async () => {
    // Three messages are accepted, the next ones held unanswered (no 250: not delivered) when the kill comes.
    const smtp = await startSmtpReceiver({ respond: (index) => (index < 3 ? 'accept' : 'hold') });
    const { env, cleanup } = await serviceEnv(store);
    Object.assign(env, { SMTP_URL: smtp.url, REQIO_MAIL_LEASE_SECONDS: '3' });
    try {
      const created = await runCli(['project', 'create', '--name', 'Crash mail', '--json'], { env });
      expect(created.stderr).toBe('');
      const demo = JSON.parse(created.stdout) as { id: string; secret: string; apiKey: string };
      const first = await spawnService(env);
      running.push(first);
      const api = `${first.url}/v1/projects/${demo.id}`;
      const audience = `${first.url}/p/${demo.id}`;
      const admin = (url: string, p: string, method: string, body: unknown) =>
        fetch(`${url}/v1/admin/projects/${demo.id}${p}`, { method, headers: { authorization: `Bearer ${demo.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

      const sessions: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const token = await mintIdentityToken({ sub: `mail-${i}`, email: `mail-${i}@example.com` }, { secret: demo.secret, audience });
        sessions.push(((await (await fetch(`${api}/identify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) })).json()) as { session: string }).session);
      }
      const call = (session: string, p: string, method: string, body?: unknown) =>
        fetch(`${api}${p}`, { method, headers: { authorization: `Bearer ${session}`, 'content-type': 'application/json' }, ...(body !== undefined && { body: JSON.stringify(body) }) });
      const requestIds: string[] = [];
      for (const title of ['Crash-proof email one', 'Crash-proof email two']) {
        requestIds.push(((await (await call(sessions[0]!, '/requests', 'POST', { title })).json()) as { request: { id: string } }).request.id);
      }
      for (const session of sessions.slice(1)) for (const requestId of requestIds) expect((await call(session, `/requests/${requestId}/vote`, 'PUT')).status).toBe(200);

      // Three changes, five recipients each: fifteen emails.
      expect((await admin(first.url, `/requests/${requestIds[0]}`, 'PATCH', { status: 'planned' })).status).toBe(200);
      expect((await admin(first.url, `/requests/${requestIds[1]}`, 'PATCH', { status: 'done' })).status).toBe(200);
      expect((await admin(first.url, `/requests/${requestIds[0]}/comments`, 'POST', { body: 'On its way' })).status).toBe(201);
      await smtp.waitFor((received) => received.length === 3 && smtp.attempts >= 4);
      await new Promise((resolve) => setTimeout(resolve, 500)); // the three accepted ones are marked sent
      first.child.kill('SIGKILL');
      expect(await first.exited).toBe('SIGKILL');
      expect(smtp.received.length).toBe(3);

      smtp.respond = () => 'accept';
      const second = await spawnService(env);
      running.push(second);
      await smtp.waitFor((received) => received.length >= 15, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 1500)); // time for a duplicate to show up, were there one
      const ids = smtp.received.map((received) => received.messageId);
      expect(ids.length).toBe(15);
      expect(new Set(ids).size).toBe(15);
      const perChange = new Map<string, string[]>();
      for (const received of smtp.received) {
        const change = received.messageId.slice(1).split('.')[0]!;
        perChange.set(change, [...(perChange.get(change) ?? []), ...received.to].sort());
      }
      expect([...perChange.values()]).toEqual(Array(3).fill(['mail-0@example.com', 'mail-1@example.com', 'mail-2@example.com', 'mail-3@example.com', 'mail-4@example.com']));
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      await smtp.close();
      await cleanup();
    }
  }, 120_000);
});
