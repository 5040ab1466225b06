import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeRequestTotals } from '../../../server/src/storage/requests/request-queries.js';
import { startTestApp, type TestApp, type TestProject } from '../../helpers/start-test-app.js';
import type { Database } from '../../../server/src/storage/database.js';
import { openTestDatabase, storeKinds } from '../../helpers/test-database.js';
import { claims, signRaw } from '../../helpers/tokens.js';
import { anonymous, identifyAs, identifyWithToken, type WidgetClient } from '../../helpers/widget-client.js';

// Every transition of CONTRACT §6 on both stores: the exact votes, distinct accounts and
// revenue of each request afterwards, and the oracle finding nothing to fix.

describe.each(storeKinds)('revenue counted once per account on %s', (store) => {
  let app: TestApp;
  let db: Database;
  let project: TestProject;
  beforeAll(async () => {
    // No deadlock retries: the lock order alone must keep every transition here deadlock-free
    // (the burst below deadlocked before identify and rate changes stopped taking locks that
    // conflict with foreign-key checks' key-share locks).
    db = await openTestDatabase(store, { maxAttempts: 1 });
    app = await startTestApp({ store, db });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const totals = async (requestId: string) => {
    const [row] = await app.db.query<{ vote_count: number; account_count: number; monthly_revenue: number | string }>(
      'select vote_count, account_count, monthly_revenue from requests where id = $1',
      [requestId],
    );
    return { votes: row!.vote_count, accounts: row!.account_count, revenue: Number(row!.monthly_revenue) };
  };
  const noDrift = async () => expect(await recomputeRequestTotals(app.db, project.id)).toBe(0);
  const as = (sub: string, claims: { traits?: Record<string, unknown>; company?: Record<string, unknown> } = {}, anonymousId?: string) =>
    identifyAs(app, { sub, ...claims }, { project, ...(anonymousId !== undefined && { anonymousId }) });
  const newRequest = async (author: WidgetClient, title = 'A request') => (await author.json('POST', '/requests', { title })).body.request.id as string;
  const patchProject = (body: unknown) => app.admin('', { method: 'PATCH', body: JSON.stringify(body), project });
  const acme = { id: 'acme', name: 'Acme', plan: 'business', amount: 200000 };

  // A burst settled: nothing threw, and every HTTP answer in it (a Response, or a widget
  // client's { status, body }) is a success.
  const expectAllSucceeded = async (work: Promise<unknown>[]) => {
    const results = await Promise.allSettled(work);
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    for (const result of results) {
      const value = result.status === 'fulfilled' ? result.value : undefined;
      if (typeof value === 'object' && value !== null && 'status' in value) expect(value.status).toBeLessThan(300);
    }
  };

  // A fresh project per test: each starts from empty totals.
  const fresh = async () => {
    project = await app.createProject();
  };

  it('counts two people of one company once; the account stays while one of them still votes', async () => {
    await fresh();
    const author = await as('author');
    const request = await newRequest(author);
    const ann = await as('ann', { traits: { amount: 4900 }, company: acme });
    const bob = await as('bob', { traits: { amount: 9900 }, company: { id: 'acme' } });
    expect(ann.identify.company).toEqual({ id: 'acme', name: 'Acme', plan: 'business', monthlyAmount: 200000 });
    expect(bob.identify.company).toEqual({ id: 'acme', name: 'Acme', plan: 'business', monthlyAmount: 200000 });
    // The users' own amounts are kept and shown, and weigh nothing.
    expect(bob.identify.user.monthlyAmount).toBe(9900);

    await ann.json('PUT', `/requests/${request}/vote`);
    expect(await totals(request)).toEqual({ votes: 2, accounts: 2, revenue: 200000 });
    await bob.json('PUT', `/requests/${request}/vote`);
    expect(await totals(request)).toEqual({ votes: 3, accounts: 2, revenue: 200000 });
    await ann.json('DELETE', `/requests/${request}/vote`);
    expect(await totals(request)).toEqual({ votes: 2, accounts: 2, revenue: 200000 });
    await bob.json('DELETE', `/requests/${request}/vote`);
    expect(await totals(request)).toEqual({ votes: 1, accounts: 1, revenue: 0 });
    await noDrift();
  });

  it("moves a company's revenue change, from any member's token, through every request its people voted for", async () => {
    await fresh();
    const ann = await as('ann', { company: acme });
    const bob = await as('bob', { company: { id: 'acme' } });
    const first = await newRequest(ann, 'First');
    const second = await newRequest(bob, 'Second');
    await bob.json('PUT', `/requests/${first}/vote`);
    expect(await totals(first)).toEqual({ votes: 2, accounts: 1, revenue: 200000 });

    // Bob's token names only the amount: the name and plan stay (absent fields are kept).
    const again = await as('bob', { company: { id: 'acme', amount: 120000, interval: 'year' } });
    expect(again.identify.company).toEqual({ id: 'acme', name: 'Acme', plan: 'business', monthlyAmount: 10000 });
    expect(await totals(first)).toEqual({ votes: 2, accounts: 1, revenue: 10000 });
    expect(await totals(second)).toEqual({ votes: 1, accounts: 1, revenue: 10000 });
    // Bad company traits weigh the company 0 until a good token arrives. The mint helper
    // refuses them, so sign by hand as a careless server would.
    const badToken = signRaw({ alg: 'HS256' }, claims({ sub: 'ann', aud: project.audience, company: { id: 'acme', amount: 99.5 } }), project.secret);
    const bad = await identifyWithToken(app, badToken, { project });
    expect(bad.identify.warnings).toEqual([expect.objectContaining({ code: 'traits_invalid', fields: ['company.amount'] })]);
    expect(await totals(second)).toEqual({ votes: 1, accounts: 1, revenue: 0 });
    await as('ann', { company: { id: 'acme', plan: 'business' } });
    expect(await totals(second)).toEqual({ votes: 1, accounts: 1, revenue: 10000 });
    await noDrift();
  });

  it('re-weighs an account of one when its user comes back with new traits', async () => {
    await fresh();
    const solo = await as('solo', { traits: { amount: 4900 } });
    const request = await newRequest(solo);
    expect(await totals(request)).toEqual({ votes: 1, accounts: 1, revenue: 4900 });
    await as('solo', { traits: { amount: 120000, interval: 'year' } });
    expect(await totals(request)).toEqual({ votes: 1, accounts: 1, revenue: 10000 });
    // A token without a company keeps the user an account of one.
    await as('solo');
    expect(await totals(request)).toEqual({ votes: 1, accounts: 1, revenue: 0 });
    await noDrift();
  });

  it('moves a user to another company: their votes leave the old account and join the new one', async () => {
    await fresh();
    const ann = await as('ann', { traits: { amount: 4900 } });
    const cara = await as('cara', { company: { id: 'globex', amount: 50000 } });
    const mine = await newRequest(ann, 'Only Ann');
    const shared = await newRequest(cara, 'Ann and Cara');
    await ann.json('PUT', `/requests/${shared}/vote`);
    expect(await totals(mine)).toEqual({ votes: 1, accounts: 1, revenue: 4900 });
    expect(await totals(shared)).toEqual({ votes: 2, accounts: 2, revenue: 54900 });

    // Ann joins Acme: her account of one goes, her votes count for Acme.
    await as('ann', { traits: { amount: 4900 }, company: acme });
    expect(await totals(mine)).toEqual({ votes: 1, accounts: 1, revenue: 200000 });
    expect(await totals(shared)).toEqual({ votes: 2, accounts: 2, revenue: 250000 });
    // Then Globex: on the shared request she and Cara are one account.
    await as('ann', { company: { id: 'globex' } });
    expect(await totals(mine)).toEqual({ votes: 1, accounts: 1, revenue: 50000 });
    expect(await totals(shared)).toEqual({ votes: 2, accounts: 1, revenue: 50000 });
    // A later token without a company keeps her in Globex (the latest token that named one).
    await as('ann', { traits: { amount: 1 } });
    expect(await totals(shared)).toEqual({ votes: 2, accounts: 1, revenue: 50000 });
    await noDrift();
  });

  it("merges an anonymous id's votes into the user's company, once per account", async () => {
    await fresh();
    const anonymousId = `anon_${store}_accounts`;
    const guest = await anonymous(app, anonymousId, project);
    const bob = await as('bob', { company: acme });
    const both = await newRequest(bob, 'Bob and the guest');
    const guestOnly = await newRequest(bob, 'The guest only');
    await bob.json('DELETE', `/requests/${guestOnly}/vote`);
    await guest.json('PUT', `/requests/${both}/vote`);
    await guest.json('PUT', `/requests/${guestOnly}/vote`);
    expect(await totals(both)).toEqual({ votes: 2, accounts: 1, revenue: 200000 });
    expect(await totals(guestOnly)).toEqual({ votes: 1, accounts: 0, revenue: 0 });

    await as('ann', { company: { id: 'acme' } }, anonymousId);
    expect(await totals(both)).toEqual({ votes: 2, accounts: 1, revenue: 200000 });
    expect(await totals(guestOnly)).toEqual({ votes: 1, accounts: 1, revenue: 200000 });
    await noDrift();
  });

  it('converts with the project rates, warns about an unknown currency, and re-weighs at once when a rate is set or changed', async () => {
    await fresh();
    const euro = await as('eve', { company: { id: 'euro-gmbh', amount: 100000, currency: 'eur' } });
    expect(euro.identify.company.monthlyAmount).toBe(0);
    expect(euro.identify.warnings).toEqual([expect.objectContaining({ code: 'currency_unknown', fields: ['company.currency'] })]);
    const yen = await as('yuki', { traits: { amount: 5000, currency: 'JPY' } });
    const request = await newRequest(euro);
    await yen.json('PUT', `/requests/${request}/vote`);
    expect(await totals(request)).toEqual({ votes: 2, accounts: 2, revenue: 0 });

    const patched = await patchProject({ exchangeRates: { EUR: 1.08, jpy: 0.0067 } });
    expect(patched.status).toBe(200);
    expect((await patched.json()).project).toMatchObject({ currency: 'USD', exchangeRates: { EUR: 1.08, JPY: 0.0067 } });
    expect(await totals(request)).toEqual({ votes: 2, accounts: 2, revenue: 108000 + 3350 });
    await patchProject({ exchangeRates: { EUR: 1.1, JPY: 0.0067 } });
    expect(await totals(request)).toEqual({ votes: 2, accounts: 2, revenue: 110000 + 3350 });
    expect((await (await app.admin('/users/yuki', { project })).json()).user.monthlyAmount).toBe(3350); // 5,000 yen at 0.0067 is $33.50
    await noDrift();

    // A new base currency re-weighs everything: EUR is now 1, yen has no rate into EUR.
    await patchProject({ currency: 'EUR', exchangeRates: { USD: 0.92 } });
    expect(await totals(request)).toEqual({ votes: 2, accounts: 2, revenue: 100000 });
    await noDrift();
  });

  it('refuses bad money settings with validation_failed', async () => {
    await fresh();
    for (const body of [{ currency: 'EURO' }, { exchangeRates: { EUR: -1 } }, { exchangeRates: { XYZ: 1 } }, { exchangeRates: [1] }]) {
      const response = await patchProject(body);
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe('validation_failed');
    }
  });

  it('deletes a user: their account of one goes, a company stays while another member votes', async () => {
    await fresh();
    const ann = await as('ann', { company: acme });
    const bob = await as('bob', { company: { id: 'acme' } });
    const solo = await as('solo', { traits: { amount: 4900 } });
    const request = await newRequest(ann);
    await bob.json('PUT', `/requests/${request}/vote`);
    await solo.json('PUT', `/requests/${request}/vote`);
    expect(await totals(request)).toEqual({ votes: 3, accounts: 2, revenue: 204900 });

    expect((await app.admin('/users/ann', { method: 'DELETE', project })).status).toBe(204);
    expect(await totals(request)).toEqual({ votes: 2, accounts: 2, revenue: 204900 });
    expect((await app.admin('/users/solo', { method: 'DELETE', project })).status).toBe(204);
    expect(await totals(request)).toEqual({ votes: 1, accounts: 1, revenue: 200000 });
    expect((await app.admin('/users/bob', { method: 'DELETE', project })).status).toBe(204);
    expect(await totals(request)).toEqual({ votes: 0, accounts: 0, revenue: 0 });
    const [{ count }] = (await app.db.query<{ count: number }>("select count(*)::int as count from accounts where project_id = $1 and kind = 'user'", [project.id])) as [
      { count: number },
    ];
    expect(count).toBe(0);
    await noDrift();
  });

  it('keeps the totals right under concurrent amount changes of people who stay in their account, votes, new requests and rate changes', async () => {
    await fresh();
    // The one-call identify (migration 12) re-weighs after taking the account's lock: a vote
    // that commits while it waits must move with the new amount, never keep the old one.
    await patchProject({ exchangeRates: { EUR: 0.9 } });
    const company = (i: number, amount: number) => (i % 2 === 0 ? { company: { id: `co${i % 4}`, amount, ...(i % 4 === 0 ? { currency: 'EUR' } : {}) } } : { traits: { amount } });
    const people = await Promise.all(Array.from({ length: 6 }, (_, i) => as(`s${i}`, company(i, 1000 * (i + 1)))));
    const requests: string[] = [];
    for (let i = 0; i < 3; i += 1) requests.push(await newRequest(people[i]!, `Steady ${i}`));
    const work: Promise<unknown>[] = [];
    for (let round = 0; round < 4; round += 1) {
      for (const [i, person] of people.entries()) {
        for (const request of requests) work.push(person.call(round % 2 === 0 ? 'PUT' : 'DELETE', `/requests/${request}/vote`));
        work.push(as(`s${i}`, company(i, 700 * (round + 2) * (i + 1))));
        if (round === 1) work.push(person.json('POST', '/requests', { title: `New during round ${round} by ${i}` }));
      }
      work.push(patchProject({ exchangeRates: { EUR: 1 + round / 10 } }));
    }
    await expectAllSucceeded(work);
    await noDrift();
  }, 60_000);

  it('keeps the totals right under concurrent identifies moving people between companies and votes', async () => {
    await fresh();
    // Company c1 bills in euros, so the rate changes below lock and re-weigh it among the votes.
    await patchProject({ exchangeRates: { EUR: 0.9 } });
    const euros = (company: number) => (company === 1 ? { currency: 'EUR' } : {});
    const people = await Promise.all(
      Array.from({ length: 6 }, (_, i) => as(`p${i}`, { company: { id: `c${i % 3}`, amount: 1000 * (i + 1), ...euros(i % 3) } })),
    );
    const requests: string[] = [];
    for (let i = 0; i < 4; i += 1) requests.push(await newRequest(people[i]!, `Request ${i}`));
    const work: Promise<unknown>[] = [];
    for (let round = 0; round < 3; round += 1) {
      for (const [i, person] of people.entries()) {
        for (const request of requests) work.push(person.call(round % 2 === 0 ? 'PUT' : 'DELETE', `/requests/${request}/vote`));
        work.push(as(`p${i}`, { company: { id: `c${(i + round) % 3}`, amount: 500 * (round + 1) * (i + 1), ...euros((i + round) % 3) } }));
      }
      work.push(patchProject({ exchangeRates: { EUR: 1 + round / 10 } }));
    }
    await expectAllSucceeded(work);
    await noDrift();
  }, 60_000);
});
