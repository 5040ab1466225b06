import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/src/storage/database.js';
import { recomputeRequestTotals } from '../../../server/src/storage/requests/request-queries.js';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';
import { openTestDatabase, storeKinds } from '../../helpers/test-database.js';
import { anonymous, identifyAs } from '../../helpers/widget-client.js';

// Issue 14: an identify that changes nothing writes nothing (one read, compared against the
// store, never a per-instance cache), and user.identified is news only.

describe.each(storeKinds)('identify writes on %s', (store) => {
  let db: Database;
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    db = await openTestDatabase(store);
    // Two instances of the service on one store (one master key and public URL, as in production).
    const env = { REQIO_MASTER_KEY: randomBytes(32).toString('base64'), PUBLIC_URL: 'http://reqio.test' };
    first = await startTestApp({ db, env });
    second = await startTestApp({ db, env });
    // An endpoint subscribed to user.identified: the events counted below are the outbox rows
    // the identifies really wrote (never delivered: the test never lets the worker reach it).
    await db.query(
      `insert into webhook_endpoints (id, project_id, url, description, event_types, enabled, encrypted_secret)
       values ('whe_identify_writes', $1, 'https://hooks.example.invalid/reqio', '', '{user.identified}', true, 'unused')`,
      [first.project.id],
    );
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await db?.close();
  });

  // Tokens carry the shared public URL's audience.
  const project = () => ({ ...first.project, audience: `http://reqio.test/p/${first.project.id}` });
  const rowVersions = async (sub: string) => {
    const [row] = await db.query<{ user_version: string; account_version: string; last_seen_at: Date }>(
      `select u.xmin::text as user_version, a.xmin::text as account_version, u.last_seen_at
       from users u join accounts a on a.id = u.account_id where u.project_id = $1 and u.external_id = $2`,
      [project().id, sub],
    );
    return row!;
  };
  const stored = async (sub: string) => {
    const [row] = await db.query<{ plan: string; monthly_amount: number; account_amount: number; company: string | null }>(
      `select u.plan, u.monthly_amount, a.monthly_amount as account_amount, case when a.kind = 'company' then a.external_id end as company
       from users u join accounts a on a.id = u.account_id where u.project_id = $1 and u.external_id = $2`,
      [project().id, sub],
    );
    return { ...row!, monthly_amount: Number(row!.monthly_amount), account_amount: Number(row!.account_amount) };
  };
  // The user.identified events written for `sub`, oldest first.
  const identified = async (sub: string) => {
    const rows = await db.query<{ payload: string }>(`select payload from webhook_events where project_id = $1 and type = 'user.identified' order by created_at, id`, [project().id]);
    return rows.map((row) => JSON.parse(row.payload) as { data: { user: { id: string }; created: boolean } }).filter((event) => event.data.user.id === sub);
  };
  const identifiedEvents = async (sub: string) => (await identified(sub)).length;
  const on = (app: TestApp, claims: Parameters<typeof identifyAs>[1], anonymousId?: string) =>
    identifyAs(app, claims, { project: project(), ...(anonymousId !== undefined && { anonymousId }) });

  it('writes nothing and emits nothing when the token says what the store holds', async () => {
    const claims = { sub: 'steady', email: 'steady@example.com', traits: { plan: 'pro', amount: 4900, currency: 'JPY' }, company: { id: 'acme', name: 'Acme', amount: 90000 } };
    const firstAnswer = await on(first, claims, 'anon-steady');
    expect(await identifiedEvents('steady')).toBe(1);
    const before = await rowVersions('steady');

    // Again on either instance, with the anonymous id already merged: the same answer, same rows, no event.
    for (const app of [first, second, first]) {
      const again = await on(app, claims, 'anon-steady');
      expect(again.identify.user).toEqual(firstAnswer.identify.user);
      expect(again.identify.company).toEqual(firstAnswer.identify.company);
      expect(again.identify.warnings).toEqual(firstAnswer.identify.warnings);
      expect(again.identify.warnings.map((w: { code: string }) => w.code)).toEqual(['currency_unknown']);
      expect((await again.json('GET', '/requests')).status).toBe(200);
    }
    expect(await rowVersions('steady')).toEqual(before);
    expect(await identifiedEvents('steady')).toBe(1);

    // The anonymous id voted again since: the next identify merges it (a write), still no event.
    const author = await on(first, { sub: 'author' });
    const request = (await author.json('POST', '/requests', { title: 'Merge me' })).body.request.id as string;
    const guest = await anonymous(first, 'anon-steady', project());
    expect((await guest.json('PUT', `/requests/${request}/vote`)).status).toBe(200);
    await on(second, claims, 'anon-steady');
    const [vote] = await db.query<{ external_id: string }>('select u.external_id from votes v join users u on u.id = v.user_id where v.request_id = $1 and u.external_id = $2', [request, 'steady']);
    expect(vote?.external_id).toBe('steady');
    expect(await identifiedEvents('steady')).toBe(1);
    expect(await recomputeRequestTotals(db, project().id)).toBe(0);

    // Last seen more than an hour ago: that one column moves, once, and nothing else.
    await db.query(`update users set last_seen_at = now() - interval '2 hours' where project_id = $1 and external_id = 'steady'`, [project().id]);
    const stale = await rowVersions('steady');
    await on(first, claims);
    const seen = await rowVersions('steady');
    expect(seen.last_seen_at.getTime()).toBeGreaterThan(stale.last_seen_at.getTime() + 3_600_000);
    expect(seen.account_version).toBe(stale.account_version);
    await on(second, claims);
    expect(await rowVersions('steady')).toEqual(seen);
    expect(await identifiedEvents('steady')).toBe(1);
  });

  it('emits user.identified when the user is new or their traits, email or company change', async () => {
    await on(first, { sub: 'mover', traits: { amount: 1000 } });
    await on(first, { sub: 'mover', traits: { amount: 2000 } });
    await on(second, { sub: 'mover', email: 'mover@example.com', traits: { amount: 2000 } });
    await on(first, { sub: 'mover', email: 'mover@example.com', traits: { amount: 2000 }, company: { id: 'globex' } });
    await on(second, { sub: 'mover', email: 'mover@example.com', traits: { amount: 2000 }, company: { id: 'globex', amount: 5000 } });
    await on(first, { sub: 'mover', email: 'mover@example.com', traits: { amount: 2000 }, company: { id: 'globex', amount: 5000 } });
    expect((await identified('mover')).map((event) => event.data.created)).toEqual([true, false, false, false, false]);
  });

  it('goes straight to the write when the token differs from what the instance last learnt, and a change made on another instance meanwhile is neither masked nor written twice', async () => {
    const emailOf = async (sub: string) => (await db.query<{ email: string | null }>('select email from users where project_id = $1 and external_id = $2', [project().id, sub]))[0]!.email;
    const t1 = { sub: 'hinted', traits: { plan: 'basic', amount: 1000 } };
    const t2 = { sub: 'hinted', traits: { plan: 'pro', amount: 2000 } };
    const t3 = { sub: 'hinted', traits: { plan: 'pro', amount: 3000 } };
    await on(second, t1); // created
    await on(second, t1); // read: B now knows the user
    await on(first, t2); // A changes traits and account: B's knowledge of the account is stale
    // B's token differs from what it knew: the write is tried first, finds the account changed, writes nothing; then the read and the write.
    expect((await on(second, t3)).identify.user.monthlyAmount).toBe(3000);
    expect(await stored('hinted')).toMatchObject({ plan: 'pro', monthly_amount: 3000, account_amount: 3000 });
    expect(await identifiedEvents('hinted')).toBe(3);
    // What A stored, sent to B, which last knew something else: nothing to write, no event.
    await on(first, t2);
    await on(second, t2);
    expect(await stored('hinted')).toMatchObject({ plan: 'pro', monthly_amount: 2000, account_amount: 2000 });
    expect(await identifiedEvents('hinted')).toBe(4);
    // A changes only the email (the account row stays as B knew it).
    await on(first, { ...t2, email: 'hinted@example.com' });
    expect(await identifiedEvents('hinted')).toBe(5);
    // B's token equals what B knew: the read, which sees A's email, and B's token wins.
    await on(second, t2);
    expect(await emailOf('hinted')).toBeNull();
    expect(await identifiedEvents('hinted')).toBe(6);
    // A's token again, on A, which knew it: stored again.
    await on(first, { ...t2, email: 'hinted@example.com' });
    expect(await emailOf('hinted')).toBe('hinted@example.com');
    // B's token differs from what B knew and the account is as B knew it: one call, and it
    // compares against the store, not against B's knowledge: the email goes, the traits change.
    await on(second, t3);
    expect(await emailOf('hinted')).toBeNull();
    expect(await stored('hinted')).toMatchObject({ plan: 'pro', monthly_amount: 3000, account_amount: 3000 });
    expect(await identifiedEvents('hinted')).toBe(8);
    expect(await recomputeRequestTotals(db, project().id)).toBe(0);
  });

  it('forgets what it knew of a user deleted on another instance', async () => {
    await on(second, { sub: 'forgotten', email: 'forgotten@example.com' });
    await on(second, { sub: 'forgotten', email: 'forgotten@example.com' });
    expect(second.deps.identifyHints?.get(project().id, 'forgotten')?.stored.email).toBe('forgotten@example.com');
    expect((await first.admin('/users/forgotten', { method: 'DELETE', project: project() })).status).toBe(204);
    await expect.poll(() => second.deps.identifyHints?.get(project().id, 'forgotten'), { timeout: 5000 }).toBeUndefined();
    // Identified again: a new user.
    expect((await on(second, { sub: 'forgotten' })).identify.user.email).toBeNull();
  });

  it('stores the traits a re-identify on instance B sends after a change made on instance A (nothing masked)', async () => {
    const older = { sub: 'flip', traits: { plan: 'basic', amount: 1000 }, company: { id: 'initech', amount: 30000 } };
    const newer = { sub: 'flip', traits: { plan: 'pro', amount: 5000 }, company: { id: 'initech', amount: 70000 } };
    const author = await on(first, { sub: 'flip-author' });
    const request = (await author.json('POST', '/requests', { title: 'Weighed by flip' })).body.request.id as string;
    const voter = await on(second, older);
    await voter.json('PUT', `/requests/${request}/vote`);
    expect(await stored('flip')).toEqual({ plan: 'basic', monthly_amount: 1000, account_amount: 30000, company: 'initech' });

    await on(first, newer);
    expect(await stored('flip')).toEqual({ plan: 'pro', monthly_amount: 5000, account_amount: 70000, company: 'initech' });
    // B saw the older traits last; its re-identify with them must store them again.
    const back = await on(second, older);
    expect(back.identify.company.monthlyAmount).toBe(30000);
    expect(await stored('flip')).toEqual({ plan: 'basic', monthly_amount: 1000, account_amount: 30000, company: 'initech' });
    // And a move out of the company made on A is not masked on B either.
    await on(first, { ...older, company: { id: 'hooli', amount: 10 } });
    await on(second, older);
    expect(await stored('flip')).toEqual({ plan: 'basic', monthly_amount: 1000, account_amount: 30000, company: 'initech' });
    const [totals] = await db.query<{ monthly_revenue: number | string }>('select monthly_revenue from requests where id = $1', [request]);
    expect(Number(totals!.monthly_revenue)).toBe(30000);
    expect(await recomputeRequestTotals(db, project().id)).toBe(0);
  });
});
