import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/src/storage/database.js';
import { countRoundTrips } from '../../helpers/count-round-trips.js';
import { recomputeRequestTotals } from '../../../server/src/storage/requests/request-queries.js';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';
import { openTestDatabase, storeKinds } from '../../helpers/test-database.js';
import { anonymous, identifyAs } from '../../helpers/widget-client.js';

// Issue 14: on this machine a round trip to the store costs more than the SQL behind it, so
// the widget's common calls are held to a number of round trips (a transaction counts its
// BEGIN and COMMIT). Counted on the store the service really uses.
describe.each(storeKinds)('round trips per widget call on %s', (store) => {
  let db: Database;
  let app: TestApp;
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

  const during = async <T>(call: () => Promise<T>): Promise<{ trips: number; result: T }> => {
    // Let the background work of the last call (the outbox poller woken by a change) settle first.
    await new Promise((resolve) => setTimeout(resolve, 50));
    counter.reset();
    const result = await call();
    return { trips: counter.trips(), result };
  };

  it('votes and takes a vote back in one round trip each, identified or anonymous, and the totals stay exact', async () => {
    const author = await identifyAs(app, { sub: 'author', traits: { plan: 'pro', amount: 5000, interval: 'month' } });
    const request = (await author.json('POST', '/requests', { title: 'Fewer round trips' })).body.request;
    const voter = await identifyAs(app, { sub: 'voter', traits: { plan: 'pro', amount: 2000, interval: 'month' } });
    const guest = await anonymous(app, 'anon-round-trips');
    // The session check reads the user once, then caches it: warm it before counting.
    await voter.json('GET', '/requests');
    await guest.json('GET', '/requests');

    const vote = await during(() => voter.json('PUT', `/requests/${request.id}/vote`));
    expect(vote.result.body).toEqual({ voted: true, votes: 2 });
    expect(vote.trips).toBe(1);
    const again = await during(() => voter.json('PUT', `/requests/${request.id}/vote`));
    expect(again.result.body).toEqual({ voted: true, votes: 2 });
    expect(again.trips).toBe(1);
    const guestVote = await during(() => guest.json('PUT', `/requests/${request.id}/vote`));
    expect(guestVote.result.body).toEqual({ voted: true, votes: 3 });
    expect(guestVote.trips).toBe(1);
    const unvote = await during(() => voter.json('DELETE', `/requests/${request.id}/vote`));
    expect(unvote.result.body).toEqual({ voted: false, votes: 2 });
    expect(unvote.trips).toBe(1);
    const guestUnvote = await during(() => guest.json('DELETE', `/requests/${request.id}/vote`));
    expect(guestUnvote.result.body).toEqual({ voted: false, votes: 1 });
    expect(guestUnvote.trips).toBe(1);

    const [row] = await db.query<{ vote_count: number; monthly_revenue: number | string }>('select vote_count, monthly_revenue from requests where id = $1', [request.id]);
    expect([row!.vote_count, Number(row!.monthly_revenue)]).toEqual([1, 5000]);
    expect(await recomputeRequestTotals(db, app.project.id)).toBe(0);
  });

  it('answers a vote for a missing or merged request, or by a deleted user, with its error after one round trip and writes nothing', async () => {
    const voter = await identifyAs(app, { sub: 'errors' });
    const duplicate = (await voter.json('POST', '/requests', { title: 'A duplicate' })).body.request;
    const target = (await voter.json('POST', '/requests', { title: 'The original' })).body.request;
    expect((await app.admin(`/requests/${duplicate.id}/merge`, { method: 'POST', body: JSON.stringify({ into: target.id }) })).status).toBe(200);
    const other = await identifyAs(app, { sub: 'errors-other' });
    await other.json('GET', '/requests');

    const missing = await during(() => other.json('PUT', '/requests/req_missing/vote'));
    expect(missing.result.status).toBe(404);
    expect(missing.trips).toBe(1);
    const merged = await during(() => other.json('PUT', `/requests/${duplicate.id}/vote`));
    expect(merged.result.status).toBe(409);
    expect(merged.result.body.error).toMatchObject({ code: 'request_merged', mergedInto: target.id });
    expect(merged.trips).toBe(1);

    expect((await app.admin('/users/errors-other', { method: 'DELETE' })).status).toBe(204);
    const gone = await during(() => other.json('PUT', `/requests/${target.id}/vote`));
    expect(gone.result.status).toBe(401);
    expect(gone.result.body.error.code).toBe('session_expired');
    const votes = await db.query<{ n: number }>('select count(*)::int as n from votes where request_id = any($1::text[])', [[duplicate.id, target.id]]);
    // The author's own votes (both moved to the original by the merge, counted once).
    expect(votes[0]!.n).toBe(1);
    expect(await recomputeRequestTotals(db, app.project.id)).toBe(0);
  });

  it('identifies with unchanged traits in one round trip (none on the embedded store once read), a changed one in one, and lists in one', async () => {
    const claims = { sub: 'page-load', traits: { plan: 'pro', amount: 900, interval: 'month' as const } };
    await identifyAs(app, claims);
    const same = await during(() => identifyAs(app, claims));
    expect(same.trips).toBe(1);
    // The embedded store's one process sees every write to what that read compared (identity-state-cache.ts).
    const again = await during(() => identifyAs(app, claims));
    expect(again.trips).toBe(store === 'pglite' ? 0 : 1);
    // New traits for a user this instance knows (identify-hints.ts): one call (migration 13)
    // that checks under lock what the instance knew, writes the user and re-weighs the
    // account through its requests, with the event.
    const changed = await during(() => identifyAs(app, { ...claims, traits: { ...claims.traits, amount: 1900 } }));
    expect(changed.result.identify.user.monthlyAmount).toBe(1900);
    expect(changed.trips).toBe(1);
    const list = await during(() => same.result.json('GET', '/requests?sort=top'));
    expect(list.result.status).toBe(200);
    expect(list.trips).toBeLessThanOrEqual(1);
  });

  it('identifies a changed user whose account was written behind the instance\'s back with the read and the call again, and stores the change', async () => {
    const claims = { sub: 'stale-hint', traits: { plan: 'pro', amount: 700, interval: 'month' as const } };
    await identifyAs(app, claims); // creates the user
    const first = await identifyAs(app, claims); // reads it: now the instance knows it
    // Another instance (or the dashboard) writes the account: what this instance knows of it is stale.
    await db.query("update accounts set updated_at = now() where id = (select account_id from users where external_id = 'stale-hint')");
    const changed = await during(() => identifyAs(app, { ...claims, traits: { ...claims.traits, amount: 1700 } }));
    // The call that found the account changed (nothing written), the read, the call.
    expect(changed.trips).toBe(3);
    expect(changed.result.identify.user.monthlyAmount).toBe(1700);
    const [row] = await db.query<{ monthly_amount: number | string; account_amount: number | string }>(
      "select u.monthly_amount, a.monthly_amount as account_amount from users u join accounts a on a.id = u.account_id where u.external_id = 'stale-hint'",
    );
    expect([Number(row!.monthly_amount), Number(row!.account_amount)]).toEqual([1700, 1700]);
    expect(first.identify.user.monthlyAmount).toBe(700);
    expect(await recomputeRequestTotals(db, app.project.id)).toBe(0);
  });
});
