import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toWidgetRequest } from '../../../server/src/services/requests/to-widget-request.js';
import { findRequestsWithVoted } from '../../../server/src/storage/requests/request-queries.js';
import { startTestApp, type TestApp, type TestProject } from '../../helpers/start-test-app.js';
import { storeKinds } from '../../helpers/test-database.js';
import { anonymous, identifyAs, type WidgetClient } from '../../helpers/widget-client.js';

type Listed = { id: string; title: string; body: string; status: string; votes: number; voted: boolean; commentCount: number; createdAt: string };

// Issue 14: the widget's list keeps each project's pages on the instance (all but `voted`).
// Every write through the API must show in the very next list on the same instance; each
// test lists first (so the page is cached), writes, and lists again at once. And the list
// answers byte for byte what it answered before it was cached or read as text.
describe.each(storeKinds)('the widget list, cached, on %s', (store) => {
  let app: TestApp;
  let project: TestProject;
  let alice: WidgetClient;
  let bob: WidgetClient;

  beforeAll(async () => {
    app = await startTestApp({ store });
    project = await app.createProject({ name: 'Cached lists' });
    alice = await identifyAs(app, { sub: 'alice' }, { project });
    bob = await identifyAs(app, { sub: 'bob' }, { project });
  });
  afterAll(() => app.close());

  const list = async (client: WidgetClient, query = 'sort=top'): Promise<Listed[]> => {
    const { status, body } = await client.json('GET', `/requests?${query}`);
    expect(status).toBe(200);
    return body.requests;
  };
  const find = async (client: WidgetClient, id: string) => (await list(client)).find((request) => request.id === id);
  const create = async (client: WidgetClient, title: string): Promise<string> => {
    const created = await client.json('POST', '/requests', { title });
    expect(created.status).toBe(201);
    return created.body.request.id;
  };
  const admin = (path: string, method: string, body?: unknown) =>
    app.admin(path, { project, method, ...(body !== undefined && { body: JSON.stringify(body) }) });

  it('shows a new request, and each caller their own voted flags from the same page', async () => {
    await list(alice);
    const id = await create(alice, 'Dark mode for the dashboard');
    expect(await find(alice, id)).toMatchObject({ votes: 1, voted: true });
    expect(await find(bob, id)).toMatchObject({ votes: 1, voted: false });
    expect(await find(alice, id)).toMatchObject({ votes: 1, voted: true });
  });

  it('shows a vote and an unvote at once, to the voter and to others', async () => {
    const id = await create(alice, 'Export to CSV');
    await list(alice);
    await list(bob);
    expect((await bob.json('PUT', `/requests/${id}/vote`)).status).toBe(200);
    expect(await find(alice, id)).toMatchObject({ votes: 2, voted: true });
    expect(await find(bob, id)).toMatchObject({ votes: 2, voted: true });
    expect((await bob.json('DELETE', `/requests/${id}/vote`)).status).toBe(200);
    expect(await find(alice, id)).toMatchObject({ votes: 1, voted: true });
    expect(await find(bob, id)).toMatchObject({ votes: 1, voted: false });
  });

  it('shows a comment, a deleted comment, but never an internal note in commentCount', async () => {
    const id = await create(alice, 'Slack notifications');
    expect(await find(bob, id)).toMatchObject({ commentCount: 0 });
    const comment = await bob.json('POST', `/requests/${id}/comments`, { body: 'Yes please' });
    expect(comment.status).toBe(201);
    expect(await find(bob, id)).toMatchObject({ commentCount: 1 });
    expect((await admin(`/requests/${id}/comments`, 'POST', { body: 'Looking at it', internal: true })).status).toBe(201);
    expect(await find(bob, id)).toMatchObject({ commentCount: 1 });
    expect((await admin(`/requests/${id}/comments`, 'POST', { body: 'Planned for May' })).status).toBe(201);
    expect(await find(bob, id)).toMatchObject({ commentCount: 2 });
    expect((await bob.json('DELETE', `/requests/${id}/comments/${comment.body.comment.id}`)).status).toBe(204);
    expect(await find(bob, id)).toMatchObject({ commentCount: 1 });
  });

  it('shows a status change, an edit, a merge and a deletion at once', async () => {
    const id = await create(alice, 'Single sign-on');
    const duplicate = await create(bob, 'SSO login');
    const doomed = await create(alice, 'Fax integration');
    await list(alice);
    expect((await admin(`/requests/${id}`, 'PATCH', { status: 'planned' })).status).toBe(200);
    expect(await find(alice, id)).toMatchObject({ status: 'planned' });
    expect((await alice.json('PATCH', `/requests/${doomed}`, { title: 'Fax integration, really' })).status).toBe(200);
    expect(await find(alice, doomed)).toMatchObject({ title: 'Fax integration, really' });
    expect((await admin(`/requests/${duplicate}/merge`, 'POST', { into: id })).status).toBe(200);
    expect(await find(alice, duplicate)).toBeUndefined();
    expect(await find(bob, id)).toMatchObject({ votes: 2, voted: true });
    expect((await admin(`/requests/${doomed}`, 'DELETE')).status).toBe(204);
    expect(await find(alice, doomed)).toBeUndefined();
  });

  it("shows an anonymous visitor's vote moving to the user they identify as", async () => {
    const visitor = await anonymous(app, 'anon-visitor-1', project);
    const id = await create(alice, 'Keyboard shortcuts');
    expect((await visitor.json('PUT', `/requests/${id}/vote`)).status).toBe(200);
    expect((await bob.json('PUT', `/requests/${id}/vote`)).status).toBe(200);
    expect(await find(alice, id)).toMatchObject({ votes: 3 });
    // Bob was the visitor all along: his two votes count once.
    await identifyAs(app, { sub: 'bob' }, { project, anonymousId: 'anon-visitor-1' });
    expect(await find(alice, id)).toMatchObject({ votes: 2 });
  });

  it('keeps the pages across an identify without an anonymous id (it writes nothing the list shows), not one with', async () => {
    const cache = app.deps.widgetListCache!;
    await list(alice);
    expect(cache.get(project.id, 'top||50|0')).toBeDefined();
    await identifyAs(app, { sub: 'alice', traits: { plan: 'pro' } }, { project });
    expect(cache.get(project.id, 'top||50|0')).toBeDefined();
    await identifyAs(app, { sub: 'dave' }, { project, anonymousId: 'anon-dave' });
    expect(cache.get(project.id, 'top||50|0')).toBeUndefined();
  });

  it('shows a deleted user’s votes gone', async () => {
    const carol = await identifyAs(app, { sub: 'carol' }, { project });
    const id = await create(alice, 'Webhooks for votes');
    expect((await carol.json('PUT', `/requests/${id}/vote`)).status).toBe(200);
    expect(await find(alice, id)).toMatchObject({ votes: 2 });
    expect((await admin('/users/carol', 'DELETE')).status).toBe(204);
    expect(await find(alice, id)).toMatchObject({ votes: 1 });
  });

  it('answers every order, filter and page as the store has it, byte for byte as toWidgetRequest did', async () => {
    // Timestamps with whole milliseconds, microseconds, and the edges of a second.
    const ids = (await list(alice, 'sort=new&limit=200')).map((request) => request.id);
    const stamps = ['2026-01-02 03:04:05.57+00', '2026-01-02 03:04:05.999999+00', '2026-01-02 03:04:05.000001+00', '2025-12-31 23:59:59.9995+00', '2026-06-30 12:00:00+00'];
    for (const [i, stamp] of stamps.entries()) await app.db.query('update requests set created_at = $1 where id = $2', [stamp, ids[i]]);
    // Text JSON escapes, put together from the cached pieces as JSON.stringify writes it.
    const tricky = await alice.json('POST', '/requests', { title: 'Quotes "like this", a \\ and ünïcode 🚀 \u2028', body: 'Line one\nline two\t<b>"x"</b>' });
    expect(tricky.status).toBe(201);
    // A write behind the service's back: only the TTL would catch it, so drop the pages here.
    app.deps.widgetListCache!.invalidate(project.id);
    const queries = ['sort=top', 'sort=new', 'sort=trending', 'sort=new&limit=2&offset=1', 'sort=top&status=open,planned', 'sort=new&status=planned'];
    for (const query of queries) {
      for (const client of [alice, bob]) {
        // Read twice: the second answer comes from the cache (the TTL is a second).
        for (let round = 0; round < 2; round += 1) {
          const response = await client.call('GET', `/requests?${query}`);
          expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
          const text = await response.text();
          const listed = (JSON.parse(text) as { requests: Listed[] }).requests;
          const principal = client === alice ? 'alice' : 'bob';
          const user = await app.db.query<{ id: string }>('select id from users where project_id = $1 and external_id = $2', [project.id, principal]);
          const records = await findRequestsWithVoted(app.db, project.id, { userId: user[0]!.id }, listed.map((request) => request.id));
          const expected = JSON.stringify({
            requests: records.map((record) => toWidgetRequest(record, record.voted, record.commentCount)),
            nextOffset: JSON.parse(text).nextOffset,
          });
          expect(text, `${query} round ${round}`).toBe(expected);
        }
      }
    }
    const byNew = await list(alice, 'sort=new&limit=200');
    const createdAt = new Map(byNew.map((request) => [request.id, request.createdAt]));
    expect(stamps.map((_, i) => createdAt.get(ids[i]!))).toEqual([
      '2026-01-02T03:04:05.570Z',
      '2026-01-02T03:04:05.999Z',
      '2026-01-02T03:04:05.000Z',
      '2025-12-31T23:59:59.999Z',
      '2026-06-30T12:00:00.000Z',
    ]);
  });
});
