import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReqioClient } from '@reqio/server/client';
import { startTestApp, type TestApp, type TestProject } from '../../helpers/start-test-app.js';
import { storeKinds } from '../../helpers/test-database.js';
import { identifyAs } from '../../helpers/widget-client.js';
import { parseCsv } from '../../helpers/parse-csv.js';

type Listed = { id: string; title: string; status: string; votes: number; monthlyRevenue: number; commentCount: number; mergedInto: string | null };

// CONTRACT §7, the team's side: edits, replies and internal notes, moderation, the
// searchable backlog with pages, and its CSV export; through HTTP and the typed client.
describe.each(storeKinds)('the feedback workflow in the admin API on %s', (store) => {
  let app: TestApp;
  let project: TestProject;
  let reqio: ReqioClient;
  const call = async (path: string, method = 'GET', body?: unknown) => {
    const response = await app.admin(path, { project, method, ...(body !== undefined && { body: JSON.stringify(body) }) });
    return { status: response.status, body: response.status === 204 ? undefined : await response.json() };
  };

  beforeAll(async () => {
    app = await startTestApp({ store });
    project = await app.createProject({ name: 'Backlog' });
    reqio = new ReqioClient({ baseUrl: app.url, apiKey: project.apiKey, projectId: project.id });
  });
  afterAll(() => app.close());

  it('changes status, title and body together, and refuses what is not allowed', async () => {
    const user = await identifyAs(app, { sub: 'patcher' }, { project });
    const id = (await user.json('POST', '/requests', { title: 'Patch me' })).body.request.id;
    const patched = await call(`/requests/${id}`, 'PATCH', { status: 'planned', title: 'Patched', body: 'New body' });
    expect(patched.status).toBe(200);
    expect(patched.body.request).toMatchObject({ id, status: 'planned', title: 'Patched', body: 'New body', mergedInto: null, commentCount: 0 });
    for (const [payload, field] of [
      [{}, 'body'],
      [{ status: 'merged' }, 'status'],
      [{ status: 'shipped' }, 'status'],
      [{ title: 'ab' }, 'title'],
      [{ title: 'bad\u0000' }, 'title'],
      [{ body: 'x'.repeat(5001) }, 'body'],
    ] as const) {
      const refused = await call(`/requests/${id}`, 'PATCH', payload);
      expect(refused.status, JSON.stringify(payload)).toBe(400);
      expect(refused.body.error.code).toBe('validation_failed');
      expect(refused.body.error.fields, JSON.stringify(payload)).toHaveProperty(field === 'body' && Object.keys(payload).length === 0 ? 'body' : field);
    }
    expect((await call('/requests/req_nope', 'PATCH', { status: 'done' })).status).toBe(404);
    expect(await reqio.requests.update(id, { title: 'Via the client' })).toMatchObject({ id, title: 'Via the client', status: 'planned' });
  });

  it('replies as the team, keeps internal notes to the team, and moderates', async () => {
    const user = await identifyAs(app, { sub: 'asker', email: 'asker@example.com', name: 'Asker' } as never, { project });
    const id = (await user.json('POST', '/requests', { title: 'Reply to me' })).body.request.id;
    const userComment = (await user.json('POST', `/requests/${id}/comments`, { body: 'Any news?' })).body.comment.id;
    const reply = await call(`/requests/${id}/comments`, 'POST', { body: 'Shipping next week.' });
    expect(reply.status).toBe(201);
    expect(reply.body.comment).toEqual({
      id: expect.stringMatching(/^cmt_/),
      body: 'Shipping next week.',
      author: { name: null, team: true, userId: null, email: null },
      internal: false,
      createdAt: expect.any(String),
    });
    const note = await reqio.comments.create(id, { body: 'They pay $2k/mo', internal: true });
    expect(note).toMatchObject({ internal: true, author: { team: true } });

    const listed = await reqio.comments.list(id);
    expect(listed.map((comment) => [comment.body, comment.author.team, comment.internal, comment.author.userId, comment.author.email])).toEqual([
      ['Any news?', false, false, 'asker', 'asker@example.com'],
      ['Shipping next week.', true, false, null, null],
      ['They pay $2k/mo', true, true, null, null],
    ]);
    const widgetView = (await user.json('GET', `/requests/${id}`)).body;
    expect(widgetView.comments.map((comment: { body: string }) => comment.body)).toEqual(['Any news?', 'Shipping next week.']);
    const teamView = (await call(`/requests/${id}`)).body.request;
    expect(teamView.commentCount).toBe(3);

    expect((await call(`/requests/${id}/comments/${userComment}`, 'DELETE')).status).toBe(204);
    expect((await call(`/requests/${id}/comments/${userComment}`, 'DELETE')).status).toBe(404);
    await reqio.comments.delete(id, note.id);
    expect((await reqio.comments.list(id)).map((comment) => comment.body)).toEqual(['Shipping next week.']);

    for (const payload of [{ body: '' }, { body: 'x'.repeat(5001) }, { body: 'a\u0000b' }, { body: 'ok', internal: 'yes' }]) {
      const refused = await call(`/requests/${id}/comments`, 'POST', payload);
      expect(refused.status, JSON.stringify(payload)).toBe(400);
      expect(refused.body.error.code).toBe('validation_failed');
    }
    expect((await call('/requests/req_nope/comments')).status).toBe(404);
    expect((await call('/requests/req_nope/comments', 'POST', { body: 'hi' })).status).toBe(404);
  });

  describe('the backlog list and its export', () => {
    let backlog: TestProject;
    let ids: Record<string, string>;
    const list = async (query: string) => {
      const response = await app.admin(`/requests${query}`, { project: backlog });
      return { status: response.status, body: (await response.json()) as { requests: Listed[]; nextOffset: number | null } };
    };

    beforeAll(async () => {
      backlog = await app.createProject({ name: 'Searchable' });
      const rich = await identifyAs(app, { sub: 'rich', traits: { amount: 120000 } }, { project: backlog });
      const poor = await identifyAs(app, { sub: 'poor', traits: { amount: 900 } }, { project: backlog });
      ids = {
        sso: (await rich.json('POST', '/requests', { title: 'SAML single sign-on', body: 'Okta and Azure AD' })).body.request.id,
        csv: (await poor.json('POST', '/requests', { title: '=HYPERLINK("http://evil")', body: 'Export, "quoted", commas' })).body.request.id,
        dark: (await poor.json('POST', '/requests', { title: 'Dark mode' })).body.request.id,
        dupe: (await poor.json('POST', '/requests', { title: 'Darker mode' })).body.request.id,
      };
      await rich.json('PUT', `/requests/${ids.dark}/vote`);
      await app.db.query(`update requests set status = 'merged', merged_into = $2 where id = $1`, [ids.dupe, ids.dark]);
      await app.admin(`/requests/${ids.csv}`, { project: backlog, method: 'PATCH', body: JSON.stringify({ status: 'planned' }) });
    });

    it('pages by revenue with nextOffset, hides merged requests unless asked, filters and searches', async () => {
      const first = await list('?limit=2');
      expect(first.status).toBe(200);
      expect(first.body.requests.map((request) => request.id)).toEqual([ids.dark, ids.sso]);
      expect(first.body.nextOffset).toBe(2);
      const second = await list('?limit=2&offset=2');
      expect(second.body.requests.map((request) => request.id)).toEqual([ids.csv]);
      expect(second.body.nextOffset).toBeNull();
      expect((await list('?status=merged')).body.requests.map((request) => [request.id, request.mergedInto])).toEqual([[ids.dupe, ids.dark]]);
      expect((await list('?status=planned,open&sort=new')).body.requests.map((request) => request.id)).toEqual([ids.dark, ids.csv, ids.sso]);
      expect((await list('?q=okta')).body.requests.map((request) => request.id)).toEqual([ids.sso]);
      expect((await list('?q=mode&status=open,merged')).body.requests.map((request) => request.id).sort()).toEqual([ids.dark, ids.dupe].sort());
      expect((await list('?q=%00')).status).toBe(400);
      expect(await reqio.requests.list({ q: 'dark' })).toEqual([]);
      const viaClient = new ReqioClient({ baseUrl: app.url, apiKey: backlog.apiKey, projectId: backlog.id });
      expect((await viaClient.requests.page({ status: ['planned'] })).requests.map((request) => request.id)).toEqual([ids.csv]);
    });

    it('exports the backlog as CSV in list order, quoted, with formulas defused', async () => {
      const response = await app.admin('/requests.csv', { project: backlog });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="requests.csv"');
      const rows = parseCsv(await response.text());
      expect(Object.keys(rows[0]!)).toEqual(['id', 'title', 'status', 'votes', 'accounts', 'monthlyRevenue', 'createdAt']);
      expect(rows.map((row) => [row.id, row.title, row.status, row.votes, row.accounts, row.monthlyRevenue])).toEqual([
        [ids.dark, 'Dark mode', 'open', '2', '2', '120900'],
        [ids.sso, 'SAML single sign-on', 'open', '1', '1', '120000'],
        [ids.csv, `'=HYPERLINK("http://evil")`, 'planned', '1', '1', '900'],
      ]);
      const viaClient = new ReqioClient({ baseUrl: app.url, apiKey: backlog.apiKey, projectId: backlog.id });
      const planned = parseCsv(await viaClient.requests.exportCsv({ status: ['planned'] }));
      expect(planned.map((row) => row.id)).toEqual([ids.csv]);
      expect((await app.admin('/requests.csv?sort=nope', { project: backlog })).status).toBe(400);
    });
  });
});
