import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeRequestTotals } from '../../../server/src/storage/requests/request-queries.js';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';
import { storeKinds } from '../../helpers/test-database.js';
import { claims, signRaw } from '../../helpers/tokens.js';
import { anonymous, identifyAs, identifyWithToken, type WidgetClient } from '../../helpers/widget-client.js';

describe.each(storeKinds)('revenue ranking on %s', (store) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ store });
  });
  afterAll(() => app.close());

  const adminRequests = async (sort = 'revenue') => ((await (await app.admin(`/requests?sort=${sort}`)).json()) as { requests: { id: string; title: string; votes: number; monthlyRevenue: number }[] }).requests;
  const revenueOf = async (id: string) => (await adminRequests()).find((r) => r.id === id)!;
  const noDrift = async () => expect(await recomputeRequestTotals(app.db, app.project.id)).toBe(0);

  it('sums the current monthly amount of the distinct identified voters, exactly', async () => {
    const monthly = await identifyAs(app, { sub: 'monthly', traits: { plan: 'pro', amount: 4900, interval: 'month' } });
    const annual = await identifyAs(app, { sub: 'annual', traits: { plan: 'business', amount: 120000, interval: 'year' } });
    const free = await identifyAs(app, { sub: 'free' });
    expect([monthly.identify.user.monthlyAmount, annual.identify.user.monthlyAmount, free.identify.user.monthlyAmount]).toEqual([4900, 10000, 0]);

    const { body } = await free.json('POST', '/requests', { title: 'Export to CSV' });
    const requestId = body.request.id as string;
    await monthly.json('PUT', `/requests/${requestId}/vote`);
    await annual.json('PUT', `/requests/${requestId}/vote`);
    // Voting twice changes nothing.
    expect((await annual.json('PUT', `/requests/${requestId}/vote`)).body).toEqual({ voted: true, votes: 3 });
    expect(await revenueOf(requestId)).toMatchObject({ votes: 3, monthlyRevenue: 14900 });
    await noDrift();

    // A later identify with a new plan moves the user's revenue through every request they voted for.
    await identifyAs(app, { sub: 'annual', traits: { plan: 'enterprise', amount: 240000, interval: 'year' } });
    expect(await revenueOf(requestId)).toMatchObject({ votes: 3, monthlyRevenue: 4900 + 20000 });
    // A token with bad traits weighs the user 0 until a good token arrives.
    // mintIdentityToken refuses such traits, so sign by hand as a careless non-Node server would.
    const badToken = signRaw({ alg: 'HS256', typ: 'JWT' }, claims({ sub: 'monthly', aud: app.project.audience, traits: { plan: 'pro', amount: 49.99 } }), app.project.secret);
    const bad = await identifyWithToken(app, badToken);
    expect(bad.identify.warnings).toEqual([expect.objectContaining({ code: 'traits_invalid', fields: ['traits.amount'] })]);
    expect(await revenueOf(requestId)).toMatchObject({ monthlyRevenue: 20000 });
    await identifyAs(app, { sub: 'monthly', traits: { plan: 'pro', amount: 4900 } });
    expect(await revenueOf(requestId)).toMatchObject({ monthlyRevenue: 24900 });

    // Unvote subtracts.
    expect((await monthly.json('DELETE', `/requests/${requestId}/vote`)).body).toEqual({ voted: false, votes: 2 });
    expect((await monthly.json('DELETE', `/requests/${requestId}/vote`)).body).toEqual({ voted: false, votes: 2 });
    expect(await revenueOf(requestId)).toMatchObject({ votes: 2, monthlyRevenue: 20000 });

    // Deleting a user removes their vote and their revenue.
    expect((await app.admin('/users/annual', { method: 'DELETE' })).status).toBe(204);
    expect(await revenueOf(requestId)).toMatchObject({ votes: 1, monthlyRevenue: 0 });
    expect((await app.admin('/users/annual')).status).toBe(404);
    await noDrift();
  });

  it('ranks by revenue, by votes and by newest', async () => {
    const whale = await identifyAs(app, { sub: 'whale', traits: { amount: 200000 } });
    const minnows: WidgetClient[] = [];
    for (let i = 0; i < 3; i += 1) minnows.push(await identifyAs(app, { sub: `minnow-${i}`, traits: { amount: 1000 } }));
    const popular = (await minnows[0]!.json('POST', '/requests', { title: 'Popular with small accounts' })).body.request.id;
    for (const minnow of minnows.slice(1)) await minnow.json('PUT', `/requests/${popular}/vote`);
    const valuable = (await whale.json('POST', '/requests', { title: 'Wanted by the biggest account' })).body.request.id;

    const byRevenue = (await adminRequests('revenue')).map((r) => r.id);
    expect(byRevenue.indexOf(valuable)).toBeLessThan(byRevenue.indexOf(popular));
    const byVotes = (await adminRequests('top')).map((r) => r.id);
    expect(byVotes.indexOf(popular)).toBeLessThan(byVotes.indexOf(valuable));
    expect((await adminRequests('new'))[0]!.id).toBe(valuable);
  });

  it('merges an anonymous voter into the user once; a request both voted for counts once', async () => {
    const anonymousId = `anon_${store}_merge_1`;
    const guest = await anonymous(app, anonymousId);
    const author = await identifyAs(app, { sub: 'author-of-both' });
    const both = (await author.json('POST', '/requests', { title: 'Voted by both' })).body.request.id;
    const onlyAnonymous = (await author.json('POST', '/requests', { title: 'Voted anonymously only' })).body.request.id;
    const written = (await guest.json('POST', '/requests', { title: 'Written anonymously' })).body.request.id;
    await guest.json('PUT', `/requests/${both}/vote`);
    await guest.json('PUT', `/requests/${onlyAnonymous}/vote`);
    const before = await identifyAs(app, { sub: 'merger', traits: { amount: 3000 } });
    await before.json('PUT', `/requests/${both}/vote`);

    await identifyAs(app, { sub: 'merger', traits: { amount: 3000 } }, { anonymousId });
    const merged = await identifyAs(app, { sub: 'merger', traits: { amount: 3000 } }, { anonymousId }); // again: no double count
    expect(await revenueOf(both)).toMatchObject({ votes: 2, monthlyRevenue: 3000 });
    expect(await revenueOf(onlyAnonymous)).toMatchObject({ votes: 2, monthlyRevenue: 3000 });
    expect(await revenueOf(written)).toMatchObject({ votes: 1, monthlyRevenue: 3000 });
    const list = (await merged.json('GET', '/requests')).body.requests as { id: string; voted: boolean }[];
    expect(list.filter((r) => [both, onlyAnonymous, written].includes(r.id)).every((r) => r.voted)).toBe(true);
    const detail = await (await app.admin(`/requests/${written}`)).json();
    expect(detail.request.author).toMatchObject({ id: 'merger' });

    // The same anonymous id cannot be merged into someone else afterwards.
    await identifyAs(app, { sub: 'someone-else', traits: { amount: 99999 } }, { anonymousId });
    expect(await revenueOf(both)).toMatchObject({ votes: 2, monthlyRevenue: 3000 });
    await noDrift();
  });

  it('shows who asked, highest paying first, without exposing them to the widget', async () => {
    const rich = await identifyAs(app, { sub: 'rich', email: 'rich@corp.example', traits: { plan: 'enterprise', amount: 500000 } });
    const poor = await identifyAs(app, { sub: 'poor', email: 'poor@home.example', traits: { plan: 'starter', amount: 900 } });
    const id = (await poor.json('POST', '/requests', { title: 'SSO' })).body.request.id;
    await rich.json('PUT', `/requests/${id}/vote`);
    const detail = await (await app.admin(`/requests/${id}`)).json();
    expect(detail.voters.map((v: { id: string }) => v.id)).toEqual(['rich', 'poor']);
    expect(detail.voters[0]).toMatchObject({ email: 'rich@corp.example', plan: 'enterprise', monthlyAmount: 500000 });

    const widgetView = JSON.stringify((await poor.json('GET', '/requests')).body);
    for (const secretish of ['rich@corp.example', 'poor@home.example', 'enterprise', 'monthlyRevenue', '500000']) expect(widgetView).not.toContain(secretish);
  });
});
