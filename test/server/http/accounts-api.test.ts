import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAccountDetailSchema, adminAccountListSchema, adminRequestDetailSchema, adminRequestListSchema } from '@reqio/shared';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';
import { storeKinds } from '../../helpers/test-database.js';
import { identifyAs } from '../../helpers/widget-client.js';

describe.each(storeKinds)('the accounts API on %s', (store) => {
  let app: TestApp;
  let request: string;
  beforeAll(async () => {
    app = await startTestApp({ store });
    const ann = await identifyAs(app, { sub: 'ann', email: 'ann@acme.example', traits: { amount: 4900 }, company: { id: 'acme', name: 'Acme', plan: 'business', amount: 200000 } });
    const bob = await identifyAs(app, { sub: 'bob', email: 'bob@acme.example', company: { id: 'acme' } });
    const solo = await identifyAs(app, { sub: 'solo', traits: { plan: 'pro', amount: 4900 } });
    await identifyAs(app, { sub: 'zed', company: { id: 'zeta', name: 'Zeta', amount: 100, currency: 'EUR' } });
    request = (await ann.json('POST', '/requests', { title: 'SSO' })).body.request.id;
    await bob.json('PUT', `/requests/${request}/vote`);
    await solo.json('PUT', `/requests/${request}/vote`);
  });
  afterAll(() => app.close());

  const get = async (path: string) => {
    const response = await app.admin(path);
    return { status: response.status, body: await response.json() };
  };

  it('lists accounts by revenue with their users and votes, pages with nextOffset, sorts by name and searches', async () => {
    const { status, body } = await get('/accounts');
    expect(status).toBe(200);
    expect(adminAccountListSchema.parse(body)).toEqual(body);
    expect(body.accounts.map((a: { externalId: string; monthlyAmount: number; users: number; votes: number; kind: string }) => [a.kind, a.externalId, a.monthlyAmount, a.users, a.votes])).toEqual([
      ['company', 'acme', 200000, 2, 2],
      ['user', 'solo', 4900, 1, 1],
      ['company', 'zeta', 0, 1, 0],
    ]);
    expect(body.nextOffset).toBeNull();
    const page = (await get('/accounts?limit=2&offset=1')).body;
    expect(page.accounts.map((a: { externalId: string }) => a.externalId)).toEqual(['solo', 'zeta']);
    expect((await get('/accounts?limit=1')).body.nextOffset).toBe(1);
    expect((await get('/accounts?sort=name')).body.accounts.map((a: { externalId: string }) => a.externalId)).toEqual(['acme', 'solo', 'zeta']);
    expect((await get('/accounts?search=ZET')).body.accounts.map((a: { externalId: string }) => a.externalId)).toEqual(['zeta']);
    expect((await get('/accounts?search=%25')).body.accounts).toEqual([]);
    expect((await get('/accounts?sort=votes')).status).toBe(400);
  });

  it('reads one account with its users and the requests they voted for', async () => {
    const acme = (await get('/accounts')).body.accounts[0];
    const { status, body } = await get(`/accounts/${acme.id}`);
    expect(status).toBe(200);
    expect(adminAccountDetailSchema.parse(body)).toEqual(body);
    expect(body.account).toMatchObject({ kind: 'company', externalId: 'acme', name: 'Acme', plan: 'business', amount: 200000, interval: 'month', currency: null });
    expect(body.users.map((u: { id: string; monthlyAmount: number }) => [u.id, u.monthlyAmount])).toEqual([
      ['ann', 4900],
      ['bob', 0],
    ]);
    expect(body.requests).toEqual([{ id: request, title: 'SSO', status: 'open' }]);
    expect((await get('/accounts/acc_missing')).status).toBe(404);
  });

  it('gives requests their distinct accounts, and groups the voters of one by account', async () => {
    const list = (await get('/requests')).body;
    expect(adminRequestListSchema.parse(list)).toEqual(list);
    expect(list.requests[0]).toMatchObject({ id: request, votes: 3, accounts: 2, monthlyRevenue: 204900 });
    const detail = (await get(`/requests/${request}`)).body;
    expect(adminRequestDetailSchema.parse(detail)).toEqual(detail);
    expect(detail.voters.map((v: { id: string }) => v.id).sort()).toEqual(['ann', 'bob', 'solo']);
    expect(detail.accounts.map((group: { account: { externalId: string }; users: { id: string }[] }) => [group.account.externalId, group.users.map((u) => u.id).sort()])).toEqual([
      ['acme', ['ann', 'bob']],
      ['solo', ['solo']],
    ]);
  });

  it('filters the backlog to a segment: a plan, a minimum monthly amount, with that segment\'s accounts and revenue', async () => {
    const business = (await get('/requests?plan=business')).body;
    expect(adminRequestListSchema.parse(business)).toEqual(business);
    expect(business.requests).toEqual([expect.objectContaining({ id: request, monthlyRevenue: 204900, segment: { accounts: 1, monthlyRevenue: 200000 } })]);
    expect((await get('/requests?minMonthlyAmount=1000')).body.requests[0].segment).toEqual({ accounts: 2, monthlyRevenue: 204900 });
    expect((await get('/requests?minMonthlyAmount=300000')).body.requests).toEqual([]);
    expect((await get('/requests?plan=enterprise')).body.requests).toEqual([]);
    expect((await get('/requests?minMonthlyAmount=-5')).status).toBe(400);
  });
});
