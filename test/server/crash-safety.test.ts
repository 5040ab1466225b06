import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { mintIdentityToken } from '@reqio/server/mint';
import { spawnService, type SpawnedService } from '../helpers/spawn-service.js';
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
      const first = await spawnService(env);
      running.push(first);
      const demo = JSON.parse(readFileSync(path.join(env.REQIO_DATA_DIR!, 'demo.json'), 'utf8')) as { id: string; secret: string; apiKey: string };
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
});
