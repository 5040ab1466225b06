import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/src/storage/database.js';
import { countRoundTrips } from '../../helpers/count-round-trips.js';
import { recomputeRequestTotals } from '../../../server/src/storage/requests/request-queries.js';
import { startTestApp, type TestApp, type TestProject } from '../../helpers/start-test-app.js';
import { openTestDatabase, storeKinds } from '../../helpers/test-database.js';
import { anonymous, identifyAs } from '../../helpers/widget-client.js';

// Issue 14: on the embedded store a page load whose claims were just read needs no read
// (identity-state-cache.ts). Whatever changes what such an identify compared against — from
// this service's own paths or from plain SQL — must be seen by the next identify: the same
// checks run on PostgreSQL, which reads every time.
describe.each(storeKinds)('identify after a change to what it depends on, on %s', (store) => {
  let db: Database;
  let app: TestApp;
  let project: TestProject;
  let counter: ReturnType<typeof countRoundTrips>;
  beforeAll(async () => {
    db = await openTestDatabase(store);
    counter = countRoundTrips(db);
    app = await startTestApp({ db: counter.db });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });
  const fresh = async () => {
    project = await app.createProject();
  };
  const identify = async (claims: Parameters<typeof identifyAs>[1], anonymousId?: string) => {
    // Let the background work of the last call (a list change's announcement, the outbox poller) settle first.
    await new Promise((resolve) => setTimeout(resolve, 100));
    counter.reset();
    const client = await identifyAs(app, claims, { project, ...(anonymousId !== undefined && { anonymousId }) });
    return { client, body: client.identify, trips: counter.trips() };
  };
  const stored = async (sub: string) =>
    (await db.query<{ plan: string | null; monthly_amount: number | string; last_seen_at: Date }>('select plan, monthly_amount, last_seen_at from users where project_id = $1 and external_id = $2', [project.id, sub]))[0];
  const pro = { plan: 'pro', amount: 4000, interval: 'month' };
  const team = { plan: 'team', amount: 9000, interval: 'month' };

  it('answers a repeated page load without a read on the embedded store, and a vote by an identified user keeps it so', async () => {
    await fresh();
    await identify({ sub: 'page', traits: pro });
    expect((await identify({ sub: 'page', traits: pro })).trips).toBe(1);
    const repeat = await identify({ sub: 'page', traits: pro });
    expect(repeat.trips).toBe(store === 'pglite' ? 0 : 1);
    expect(repeat.body.user).toMatchObject({ id: 'page', plan: 'pro', monthlyAmount: 4000 });
    const request = (await repeat.client.json('POST', '/requests', { title: 'Kept warm' })).body.request;
    // The author's vote (and totals) are writes, but nothing an identify compares against.
    expect((await repeat.client.json('PUT', `/requests/${request.id}/vote`)).status).toBe(200);
    expect((await identify({ sub: 'page', traits: pro })).trips).toBe(store === 'pglite' ? 0 : 1);
  });

  it('stores the old traits again after a change through identify (no masking)', async () => {
    await fresh();
    await identify({ sub: 'flip', traits: pro });
    await identify({ sub: 'flip', traits: pro });
    expect((await identify({ sub: 'flip', traits: team })).body.user.plan).toBe('team');
    const back = await identify({ sub: 'flip', traits: pro });
    expect(back.body.user).toMatchObject({ plan: 'pro', monthlyAmount: 4000 });
    expect(await stored('flip')).toMatchObject({ plan: 'pro' });
    expect(Number((await stored('flip'))!.monthly_amount)).toBe(4000);
  });

  it('sees a user row changed or deleted by plain SQL, and writes last_seen_at once it is an hour old', async () => {
    await fresh();
    await identify({ sub: 'sql', traits: pro });
    await identify({ sub: 'sql', traits: pro });
    await db.query(`update users set plan = 'hand-edited', last_seen_at = now() - interval '2 hours' where project_id = $1 and external_id = 'sql'`, [project.id]);
    await identify({ sub: 'sql', traits: pro });
    const row = await stored('sql');
    expect(row!.plan).toBe('pro');
    expect(Date.now() - row!.last_seen_at.getTime()).toBeLessThan(60_000);
    await identify({ sub: 'sql', traits: pro });
    expect((await app.admin('/users/sql', { method: 'DELETE', project })).status).toBe(204);
    const again = await identify({ sub: 'sql', traits: pro });
    expect(again.body.user.id).toBe('sql');
    expect(await stored('sql')).toBeDefined();
  });

  it("sees a company's new amount written by a colleague's identify", async () => {
    await fresh();
    const acme = { id: 'acme', name: 'Acme', plan: 'business', amount: 200000, interval: 'month' };
    await identify({ sub: 'alice', company: acme });
    await identify({ sub: 'alice', company: acme });
    await identify({ sub: 'bob', company: { ...acme, amount: 300000 } });
    // Alice's token leaves the amount out: the company keeps Bob's.
    const alice = await identify({ sub: 'alice', company: { id: 'acme' } });
    expect(alice.body.company).toMatchObject({ id: 'acme', monthlyAmount: 300000 });
  });

  it('converts with the rates the project has now', async () => {
    await fresh();
    const euro = { plan: 'pro', amount: 10000, interval: 'month', currency: 'EUR' };
    expect((await app.admin('', { method: 'PATCH', body: JSON.stringify({ exchangeRates: { EUR: 1.1 } }), project })).status).toBe(200);
    await identify({ sub: 'euro', traits: euro });
    expect((await identify({ sub: 'euro', traits: euro })).body.user.monthlyAmount).toBe(11000);
    expect((await app.admin('', { method: 'PATCH', body: JSON.stringify({ exchangeRates: { EUR: 1.2 } }), project })).status).toBe(200);
    expect((await identify({ sub: 'euro', traits: euro })).body.user.monthlyAmount).toBe(12000);
  });

  it('merges what the anonymous id did after it was last merged', async () => {
    await fresh();
    const author = await identify({ sub: 'author', traits: pro });
    const request = (await author.client.json('POST', '/requests', { title: 'Voted before login' })).body.request;
    await identify({ sub: 'returning', traits: team }, 'anon-device');
    await identify({ sub: 'returning', traits: team }, 'anon-device');
    // Logged out in another tab: an anonymous vote under the same id.
    const guest = await anonymous(app, 'anon-device', project);
    expect((await guest.json('PUT', `/requests/${request.id}/vote`)).status).toBe(200);
    await identify({ sub: 'returning', traits: team }, 'anon-device');
    const votes = await db.query<{ user_id: string | null }>('select user_id from votes where request_id = $1 order by user_id', [request.id]);
    expect(votes.every((vote) => vote.user_id !== null)).toBe(true);
    expect(votes).toHaveLength(2);
    const [totals] = await db.query<{ monthly_revenue: number | string }>('select monthly_revenue from requests where id = $1', [request.id]);
    expect(Number(totals!.monthly_revenue)).toBe(4000 + 9000);
    expect(await recomputeRequestTotals(db, project.id)).toBe(0);
  });
});
