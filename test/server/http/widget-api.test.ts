import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';
import { storeKinds } from '../../helpers/test-database.js';
import { anonymous, identifyAs } from '../../helpers/widget-client.js';

describe.each(storeKinds)('requests and votes on %s', (store) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ store });
  });
  afterAll(() => app.close());

  it('creates a request with trimmed fields and the author\'s vote', async () => {
    const user = await identifyAs(app, { sub: 'writer' });
    const { status, body } = await user.json('POST', '/requests', { title: '  Slack integration  ', body: '  Post new requests to a channel.  ' });
    expect(status).toBe(201);
    expect(body.request).toEqual({
      id: expect.stringMatching(/^req_/),
      title: 'Slack integration',
      body: 'Post new requests to a channel.',
      status: 'open',
      votes: 1,
      voted: true,
      commentCount: 0,
      createdAt: expect.any(String),
    });
  });

  it.each([
    [{ title: 'ab' }, 'title', 'must be at least 3 characters'],
    [{ title: '   ab   ' }, 'title', 'must be at least 3 characters'],
    [{ title: 'x'.repeat(121) }, 'title', 'must be at most 120 characters'],
    [{ title: 'Fine title', body: 'x'.repeat(5001) }, 'body', 'must be at most 5000 characters'],
    [{}, 'title', 'is required'],
    [{ title: 42 }, 'title', 'must be a string'],
  ])('refuses %j with validation_failed naming %s', async (payload, field, message) => {
    const user = await identifyAs(app, { sub: 'validator' });
    const { status, body } = await user.json('POST', '/requests', payload);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'validation_failed', fields: { [field]: message } });
  });

  it('lists top and new with voted for the caller only', async () => {
    const a = await identifyAs(app, { sub: 'lister-a' });
    const b = await identifyAs(app, { sub: 'lister-b' });
    const first = (await a.json('POST', '/requests', { title: 'First by A' })).body.request.id;
    const second = (await b.json('POST', '/requests', { title: 'Second by B' })).body.request.id;
    await b.json('PUT', `/requests/${first}/vote`);
    const top = (await a.json('GET', '/requests?sort=top')).body.requests;
    const newest = (await a.json('GET', '/requests?sort=new')).body.requests;
    expect(top.findIndex((r: { id: string }) => r.id === first)).toBeLessThan(top.findIndex((r: { id: string }) => r.id === second));
    expect(newest[0].id).toBe(second);
    expect(top.find((r: { id: string }) => r.id === second)).toMatchObject({ voted: false, votes: 1 });
    expect(top.find((r: { id: string }) => r.id === first)).toMatchObject({ voted: true, votes: 2 });
    expect(Object.keys(top[0]).sort()).toEqual(['body', 'commentCount', 'createdAt', 'id', 'status', 'title', 'voted', 'votes']);
    expect((await a.json('GET', '/requests?sort=hot')).body.error.code).toBe('validation_failed');
    // Pages: one row more than asked tells whether there is another page.
    const firstPage = (await a.json('GET', '/requests?sort=new&limit=1')).body;
    expect(firstPage.requests).toHaveLength(1);
    expect(firstPage.nextOffset).toBe(1);
    const all = (await a.json('GET', '/requests?limit=200')).body;
    expect(all.nextOffset).toBeNull();
  });

  it('lets anonymous users post and vote, and shows statuses set by the team', async () => {
    const guest = await anonymous(app, `guest_${store}_0001`);
    const id = (await guest.json('POST', '/requests', { title: 'Anonymous idea' })).body.request.id;
    expect((await guest.json('PUT', `/requests/${id}/vote`)).body).toEqual({ voted: true, votes: 1 });
    const patched = await app.admin(`/requests/${id}`, { method: 'PATCH', body: JSON.stringify({ status: 'planned' }) });
    expect(((await patched.json()) as { request: { status: string } }).request.status).toBe('planned');
    const bad = await app.admin(`/requests/${id}`, { method: 'PATCH', body: JSON.stringify({ status: 'shipped' }) });
    expect(bad.status).toBe(400);
    expect((await guest.json('GET', '/requests')).body.requests.find((r: { id: string }) => r.id === id).status).toBe('planned');
  });

  it('answers 404 for a request that does not exist', async () => {
    const user = await identifyAs(app, { sub: 'lost' });
    expect((await user.json('PUT', '/requests/req_nope/vote')).body.error.code).toBe('not_found');
    expect((await app.admin('/requests/req_nope')).status).toBe(404);
  });

  it('requires identity to write when the project says so, but still lets anonymous users read', async () => {
    const strict = await app.createProject({ requireIdentity: true });
    const guest = await anonymous(app, `guest_${store}_strict`, strict);
    const denied = await guest.json('POST', '/requests', { title: 'Let me in' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('identity_required');
    expect((await guest.json('GET', '/requests')).status).toBe(200);
    const member = await identifyAs(app, { sub: 'member' }, { project: strict });
    const id = (await member.json('POST', '/requests', { title: 'Members only' })).body.request.id;
    expect((await guest.json('PUT', `/requests/${id}/vote`)).body.error.code).toBe('identity_required');
  });

  it('ends a deleted user\'s session', async () => {
    const doomed = await identifyAs(app, { sub: 'doomed' });
    expect((await doomed.json('GET', '/requests')).status).toBe(200);
    expect((await app.admin('/users/doomed', { method: 'DELETE' })).status).toBe(204);
    const after = await doomed.json('GET', '/requests');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('session_expired');
  });

  it('lists users by monthly amount with their traits', async () => {
    await identifyAs(app, { sub: 'trait-user', email: 't@u.example', traits: { plan: 'pro', amount: 1200000, interval: 'year', seats: 40, beta: true } });
    const { users, total } = (await (await app.admin('/users?limit=1')).json()) as { users: Record<string, unknown>[]; total: number };
    expect(total).toBeGreaterThan(1);
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({
      id: 'trait-user',
      email: 't@u.example',
      plan: 'pro',
      monthlyAmount: 100000,
      traits: { plan: 'pro', amount: 1200000, interval: 'year', custom: { seats: 40, beta: true } },
    });
  });
});
