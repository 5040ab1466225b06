import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';
import { storeKinds } from '../../helpers/test-database.js';
import { anonymous, identifyAs, type WidgetClient } from '../../helpers/widget-client.js';

type Listed = { id: string; title: string; status: string; votes: number; voted: boolean; commentCount: number };

// CONTRACT §7, the widget's side: lists that page, filter and search, similar titles,
// a request's detail with its comments, the author's edits, comments, and updates.
describe.each(storeKinds)('the feedback workflow in the widget on %s', (store) => {
  let app: TestApp;
  let author: WidgetClient;
  let team: (path: string, method?: string, body?: unknown) => Promise<{ status: number; body: any }>;

  beforeAll(async () => {
    app = await startTestApp({ store });
    author = await identifyAs(app, { sub: 'author', email: 'author@example.com' });
    team = async (path, method = 'GET', body) => {
      const response = await app.admin(path, { method, ...(body !== undefined && { body: JSON.stringify(body) }) });
      return { status: response.status, body: response.status === 204 ? undefined : await response.json() };
    };
  });
  afterAll(() => app.close());

  const create = async (client: WidgetClient, title: string, body?: string): Promise<string> => {
    const created = await client.json('POST', '/requests', { title, ...(body !== undefined && { body }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.request.id;
  };

  describe('lists', () => {
    let project: Awaited<ReturnType<TestApp['createProject']>>;
    let reader: WidgetClient;
    const ids: string[] = [];

    beforeAll(async () => {
      project = await app.createProject({ name: 'Paging' });
      reader = await identifyAs(app, { sub: 'pager' }, { project });
      for (let i = 1; i <= 150; i += 1) ids.push(await create(reader, `Request number ${i}`, i === 120 ? 'Export the backlog to a spreadsheet' : ''));
    });

    it('pages through every request with nextOffset, and says when there is no more', async () => {
      const seen: string[] = [];
      let offset: number | null = 0;
      let pages = 0;
      while (offset !== null) {
        const page: { status: number; body: { requests: Listed[]; nextOffset: number | null } } = await reader.json('GET', `/requests?sort=new&limit=40&offset=${offset}`);
        expect(page.status).toBe(200);
        seen.push(...page.body.requests.map((request) => request.id));
        offset = page.body.nextOffset;
        pages += 1;
      }
      expect(pages).toBe(4);
      expect(seen).toEqual([...ids].reverse());
    });

    it('finds request 120 by a word of its body, as a prefix and stemmed', async () => {
      for (const q of ['spreadsheet', 'spreadsh', 'exporting backlog', 'EXPORT']) {
        const { status, body } = await reader.json('GET', `/requests?q=${encodeURIComponent(q)}`);
        expect(status, q).toBe(200);
        expect(body.requests.map((request: Listed) => request.id), q).toEqual([ids[119]]);
        expect(body.nextOffset).toBeNull();
      }
      expect((await reader.json('GET', '/requests?q=%21%21%21')).body).toEqual({ requests: [], nextOffset: null });
    });

    it('ranks a title match above a body match', async () => {
      const inBody = await create(reader, 'Something else entirely', 'would love webhooks here');
      const inTitle = await create(reader, 'Webhooks for every event');
      const { body } = await reader.json('GET', '/requests?q=webhooks');
      expect(body.requests.map((request: Listed) => request.id)).toEqual([inTitle, inBody]);
    });

    it('filters by status, and never lists merged requests', async () => {
      const planned = await app.admin(`/requests/${ids[1]}`, { project, method: 'PATCH', body: JSON.stringify({ status: 'planned' }) });
      expect(planned.status).toBe(200);
      const done = await app.admin(`/requests/${ids[2]}`, { project, method: 'PATCH', body: JSON.stringify({ status: 'done' }) });
      expect(done.status).toBe(200);
      await app.db.query(`update requests set status = 'merged', merged_into = $2 where id = $1`, [ids[3], ids[4]]);

      const filtered = (await reader.json('GET', '/requests?status=planned,done&sort=new')).body.requests as Listed[];
      expect(filtered.map((request) => [request.id, request.status])).toEqual([
        [ids[2], 'done'],
        [ids[1], 'planned'],
      ]);
      const all: string[] = [];
      for (let offset: number | null = 0; offset !== null; ) {
        const page: { body: { requests: Listed[]; nextOffset: number | null } } = await reader.json('GET', `/requests?limit=200&offset=${offset}`);
        all.push(...page.body.requests.map((request) => request.id));
        offset = page.body.nextOffset;
      }
      expect(all).not.toContain(ids[3]);
      expect((await reader.json('GET', '/requests?status=merged')).body.requests).toEqual([]);
    });

    it.each([
      ['sort=hot', 'sort'],
      ['status=open,shipped', 'status'],
      ['q=', 'q'],
      [`q=${'x'.repeat(201)}`, 'q'],
      ['q=a%00b', 'q'],
      ['limit=0', 'limit'],
    ])('refuses ?%s with validation_failed', async (query, field) => {
      const { status, body } = await reader.json('GET', `/requests?${query}`);
      expect(status).toBe(400);
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.fields).toHaveProperty(field);
    });
  });

  it('sorts trending by votes of the last 14 days, ties by revenue', async () => {
    const project = await app.createProject({ name: 'Trending' });
    const rich = await identifyAs(app, { sub: 'rich', traits: { amount: 90000 } }, { project });
    const poor = await identifyAs(app, { sub: 'poor', traits: { amount: 100 } }, { project });
    const voters = await Promise.all([1, 2, 3].map((i) => identifyAs(app, { sub: `voter-${i}` }, { project })));
    const old = await create(poor, 'Old favourite');
    const fresh = await create(poor, 'Fresh idea');
    const paid = await create(rich, 'Paid idea');
    for (const voter of voters) await voter.json('PUT', `/requests/${old}/vote`);
    await voters[0]!.json('PUT', `/requests/${fresh}/vote`);
    await app.db.query(`update votes set created_at = now() - interval '20 days' where request_id = $1`, [old]);
    // fresh: 2 recent votes ($1); paid: 1 recent vote ($900); old: 4 votes, none recent.
    await voters[1]!.json('PUT', `/requests/${paid}/vote`);
    const trending = (await poor.json('GET', '/requests?sort=trending')).body.requests as Listed[];
    // fresh and paid both have 2 recent votes: revenue breaks the tie; old has none recent.
    expect(trending.map((request) => request.title)).toEqual(['Paid idea', 'Fresh idea', 'Old favourite']);
    const top = (await poor.json('GET', '/requests?sort=top')).body.requests as Listed[];
    expect(top[0]!.title).toBe('Old favourite');
  });

  it('offers up to 5 open requests like a title being typed, with a typo, and a vote on one counts', async () => {
    const project = await app.createProject({ name: 'Similar' });
    const typist = await identifyAs(app, { sub: 'typist' }, { project });
    const other = await identifyAs(app, { sub: 'other' }, { project });
    const dark = await create(other, 'Dark mode for the dashboard');
    await create(other, 'Export to CSV');
    const closed = await create(other, 'Dark theme everywhere');
    expect((await app.admin(`/requests/${closed}`, { project, method: 'PATCH', body: JSON.stringify({ status: 'closed' }) })).status).toBe(200);
    for (let i = 0; i < 7; i += 1) await create(other, `Dark mode variant ${i}`);

    const typo = await typist.json('GET', `/requests/similar?title=${encodeURIComponent('dark mdoe dashbord')}`);
    expect(typo.status).toBe(200);
    expect(typo.body.requests[0]).toMatchObject({ id: dark, title: 'Dark mode for the dashboard', status: 'open', voted: false, commentCount: 0 });
    const many = await typist.json('GET', `/requests/similar?title=${encodeURIComponent('Dark mode')}`);
    expect(many.body.requests.length).toBe(5);
    expect(many.body.requests.every((request: Listed) => request.status === 'open' && request.title.startsWith('Dark mode'))).toBe(true);
    expect((await typist.json('GET', '/requests/similar?title=zz')).body.requests).toEqual([]);
    expect((await typist.json('GET', '/requests/similar?title=a%01b')).status).toBe(400);
    expect((await typist.json('GET', '/requests/similar')).status).toBe(400);

    const vote = await typist.json('PUT', `/requests/${dark}/vote`);
    expect(vote.body).toEqual({ voted: true, votes: 2 });
    const again = await typist.json('GET', `/requests/similar?title=${encodeURIComponent('dark mode dashboard')}`);
    expect(again.body.requests[0]).toMatchObject({ id: dark, votes: 2, voted: true });
  });

  describe('a request and its comments', () => {
    it('shows comments with names, marks the team reply, hides internal notes, counts only what it shows', async () => {
      const requestId = await create(author, 'Comments please');
      const named = await identifyAs(app, { sub: 'named', name: 'Ada Lovelace' } as never);
      const guest = await anonymous(app, 'guest_comment_01');
      const first = await named.json('POST', `/requests/${requestId}/comments`, { body: '  Yes, we need this.  ' });
      expect(first.status).toBe(201);
      expect(first.body.comment).toEqual({ id: expect.stringMatching(/^cmt_/), body: 'Yes, we need this.', author: { name: 'Ada Lovelace', team: false }, mine: true, createdAt: expect.any(String) });
      expect((await guest.json('POST', `/requests/${requestId}/comments`, { body: 'Me too\nsecond line' })).status).toBe(201);
      expect((await team(`/requests/${requestId}/comments`, 'POST', { body: 'Planned for May.' })).status).toBe(201);
      expect((await team(`/requests/${requestId}/comments`, 'POST', { body: 'Big customer asks for it (internal)', internal: true })).status).toBe(201);

      const detail = await guest.json('GET', `/requests/${requestId}`);
      expect(detail.status).toBe(200);
      expect(detail.body.request).toMatchObject({ id: requestId, title: 'Comments please', commentCount: 3, mine: false, voted: false });
      expect(detail.body.comments.map((comment: { body: string; author: unknown; mine: boolean }) => [comment.body, comment.author, comment.mine])).toEqual([
        ['Yes, we need this.', { name: 'Ada Lovelace', team: false }, false],
        ['Me too\nsecond line', { name: null, team: false }, true],
        ['Planned for May.', { name: null, team: true }, false],
      ]);
      expect(JSON.stringify(detail.body)).not.toContain('internal');
      expect(JSON.stringify(detail.body)).not.toContain('@example.com');
      expect((await author.json('GET', `/requests/${requestId}`)).body.request.mine).toBe(true);
      const listed = (await author.json('GET', '/requests?q=comments')).body.requests as Listed[];
      expect(listed.find((request) => request.id === requestId)!.commentCount).toBe(3);
    });

    it.each([
      [{ body: '' }, 'must not be empty'],
      [{ body: '   ' }, 'must not be empty'],
      [{ body: 'x'.repeat(5001) }, 'must be at most 5000 characters'],
      [{ body: 'nul\u0000here' }, 'must not contain control characters other than tabs and line breaks, NUL or lone UTF-16 surrogates'],
      [{ body: 'bell\u0007' }, 'must not contain control characters other than tabs and line breaks, NUL or lone UTF-16 surrogates'],
      [{ body: 42 }, 'must be a string'],
      [{}, 'is required'],
    ])('refuses the comment %j with validation_failed', async (payload, message) => {
      const requestId = await create(author, 'Validated comments');
      const { status, body } = await author.json('POST', `/requests/${requestId}/comments`, payload);
      expect(status).toBe(400);
      expect(body.error).toMatchObject({ code: 'validation_failed', fields: { body: message } });
    });

    it('takes a comment of exactly 5,000 characters', async () => {
      const requestId = await create(author, 'Long comments');
      expect((await author.json('POST', `/requests/${requestId}/comments`, { body: 'x'.repeat(5000) })).status).toBe(201);
    });

    it('refuses an anonymous comment when the project requires identity, and answers 404 for an unknown request', async () => {
      const project = await app.createProject({ name: 'Identity required', requireIdentity: true });
      const member = await identifyAs(app, { sub: 'member' }, { project });
      const requestId = await create(member, 'Members only');
      const guest = await anonymous(app, 'guest_required_1', project);
      const refused = await guest.json('POST', `/requests/${requestId}/comments`, { body: 'Hello' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('identity_required');
      expect((await member.json('POST', `/requests/${requestId}/comments`, { body: 'Hello' })).status).toBe(201);
      expect((await member.json('POST', '/requests/req_nope/comments', { body: 'Hello' })).body.error.code).toBe('not_found');
    });

    it('answers a merged id with its target and mergedFrom, and refuses comments on it with 409', async () => {
      const source = await create(author, 'Dupe of target');
      const target = await create(author, 'The target');
      await app.db.query(`update requests set status = 'merged', merged_into = $2 where id = $1`, [source, target]);
      const detail = await author.json('GET', `/requests/${source}`);
      expect(detail.status).toBe(200);
      expect(detail.body.request.id).toBe(target);
      expect(detail.body.mergedFrom).toBe(source);
      expect((await author.json('GET', `/requests/${target}`)).body).not.toHaveProperty('mergedFrom');
      const refused = await author.json('POST', `/requests/${source}/comments`, { body: 'Hello' });
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'request_merged', mergedInto: target });
      expect((await author.json('GET', '/requests/req_missing')).status).toBe(404);
    });

    it('lets authors delete their own comments only', async () => {
      const requestId = await create(author, 'Deletable comments');
      const other = await identifyAs(app, { sub: 'commenter' });
      const mine = (await author.json('POST', `/requests/${requestId}/comments`, { body: 'Mine' })).body.comment.id;
      const theirs = (await other.json('POST', `/requests/${requestId}/comments`, { body: 'Theirs' })).body.comment.id;
      const teams = (await team(`/requests/${requestId}/comments`, 'POST', { body: 'Team' })).body.comment.id;
      const note = (await team(`/requests/${requestId}/comments`, 'POST', { body: 'Note', internal: true })).body.comment.id;
      expect((await author.json('DELETE', `/requests/${requestId}/comments/${theirs}`)).body.error.code).toBe('forbidden');
      expect((await author.json('DELETE', `/requests/${requestId}/comments/${teams}`)).status).toBe(403);
      expect((await author.json('DELETE', `/requests/${requestId}/comments/${note}`)).status).toBe(404);
      expect((await author.json('DELETE', `/requests/${requestId}/comments/${mine}`)).status).toBe(204);
      expect((await author.json('DELETE', `/requests/${requestId}/comments/${mine}`)).status).toBe(404);
      const left = (await author.json('GET', `/requests/${requestId}`)).body.comments.map((comment: { body: string }) => comment.body);
      expect(left).toEqual(['Theirs', 'Team']);
    });
  });

  describe("the author's own request", () => {
    it('can be edited while open, by its author only', async () => {
      const requestId = await create(author, 'Typo in titel');
      const other = await identifyAs(app, { sub: 'editor-other' });
      const edited = await author.json('PATCH', `/requests/${requestId}`, { title: 'Typo in title', body: 'Fixed' });
      expect(edited.status).toBe(200);
      expect(edited.body.request).toMatchObject({ id: requestId, title: 'Typo in title', body: 'Fixed', status: 'open' });
      expect((await author.json('GET', '/requests?q=title')).body.requests.map((request: Listed) => request.id)).toContain(requestId);
      const refused = await other.json('PATCH', `/requests/${requestId}`, { title: 'Hijacked' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
      await team(`/requests/${requestId}`, 'PATCH', { status: 'planned' });
      const late = await author.json('PATCH', `/requests/${requestId}`, { title: 'Too late now' });
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('conflict');
      expect((await author.json('GET', `/requests/${requestId}`)).body.request.title).toBe('Typo in title');
    });

    it.each([
      [{}, 'body'],
      [{ title: '' }, 'title'],
      [{ title: 'x'.repeat(121) }, 'title'],
      [{ title: 'Tab\tin title' }, 'title'],
      [{ title: 'NUL\u0000title' }, 'title'],
      [{ body: 'x'.repeat(5001) }, 'body'],
    ])('refuses the edit %j with validation_failed', async (payload, field) => {
      const requestId = await create(author, 'Edit validation');
      const { status, body } = await author.json('PATCH', `/requests/${requestId}`, payload);
      expect(status).toBe(400);
      expect(body.error.code).toBe('validation_failed');
      expect(Object.keys(body.error.fields)[0]).toBe(field);
    });

    it('can be deleted while open, with its votes and comments; a late comment then gets 409', async () => {
      const requestId = await create(author, 'Delete me');
      const other = await identifyAs(app, { sub: 'deleter-other' });
      await other.json('PUT', `/requests/${requestId}/vote`);
      await other.json('POST', `/requests/${requestId}/comments`, { body: 'Hmm' });
      expect((await other.json('DELETE', `/requests/${requestId}`)).status).toBe(403);
      expect((await author.json('DELETE', `/requests/${requestId}`)).status).toBe(204);
      expect((await author.json('GET', `/requests/${requestId}`)).status).toBe(404);
      const late = await other.json('POST', `/requests/${requestId}/comments`, { body: 'Still there?' });
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('request_deleted');
      expect(await app.db.query('select 1 from votes where request_id = $1 union all select 1 from comments where request_id = $1', [requestId])).toEqual([]);
      const planned = await create(author, 'Planned, so kept');
      await team(`/requests/${planned}`, 'PATCH', { status: 'planned' });
      expect((await author.json('DELETE', `/requests/${planned}`)).status).toBe(409);
    });
  });

  describe('updates', () => {
    it('tells voters and commenters about new statuses and team replies since they last looked', async () => {
      const project = await app.createProject({ name: 'Updates' });
      const writer = await identifyAs(app, { sub: 'writer' }, { project });
      const voter = await anonymous(app, 'updates_voter_01', project);
      const commenter = await identifyAs(app, { sub: 'commenter' }, { project });
      const bystander = await identifyAs(app, { sub: 'bystander' }, { project });
      const admin = (path: string, method: string, body: unknown) => app.admin(path, { project, method, body: JSON.stringify(body) });
      const requestId = await create(writer, 'Tell me when it ships');
      await voter.json('PUT', `/requests/${requestId}/vote`);
      await commenter.json('POST', `/requests/${requestId}/comments`, { body: 'Following' });

      expect((await voter.json('GET', '/updates')).body).toEqual({ updates: [] });
      expect((await admin(`/requests/${requestId}`, 'PATCH', { status: 'in_progress' })).status).toBe(200);
      expect((await admin(`/requests/${requestId}/comments`, 'POST', { body: 'Working on it' })).status).toBe(201);
      expect((await admin(`/requests/${requestId}/comments`, 'POST', { body: 'secret', internal: true })).status).toBe(201);
      expect((await admin(`/requests/${requestId}`, 'PATCH', { title: 'Tell me when it ships!' })).status).toBe(200);

      for (const client of [writer, voter, commenter]) {
        const { status, body } = await client.json('GET', '/updates');
        expect(status).toBe(200);
        expect(body.updates.map((update: { kind: string; request: { id: string; status: string } }) => [update.kind, update.request.id, update.request.status])).toEqual([
          ['reply', requestId, 'in_progress'],
          ['status', requestId, 'in_progress'],
        ]);
      }
      expect((await bystander.json('GET', '/updates')).body.updates).toEqual([]);
      // Voting now does not bring back what happened before the vote.
      await bystander.json('PUT', `/requests/${requestId}/vote`);
      expect((await bystander.json('GET', '/updates')).body.updates).toEqual([]);

      expect((await voter.json('POST', '/updates/seen')).status).toBe(204);
      expect((await voter.json('GET', '/updates')).body.updates).toEqual([]);
      expect((await writer.json('GET', '/updates')).body.updates).toHaveLength(2);
      await admin(`/requests/${requestId}`, 'PATCH', { status: 'done' });
      const after = (await voter.json('GET', '/updates')).body.updates;
      expect(after.map((update: { kind: string; request: { status: string } }) => [update.kind, update.request.status])).toEqual([['status', 'done']]);
    });
  });

  it('emits comment.created, request.updated and request.deleted into the webhook outbox', async () => {
    const project = await app.createProject({ name: 'Events' });
    const created = await app.admin('/webhooks', {
      project,
      method: 'POST',
      body: JSON.stringify({ url: 'https://example.com/hooks', events: ['comment.created', 'request.updated', 'request.deleted'] }),
    });
    expect(created.status).toBe(201);
    const writer = await identifyAs(app, { sub: 'eventful' }, { project });
    const requestId = await create(writer, 'Evented');
    await writer.json('POST', `/requests/${requestId}/comments`, { body: 'First!' });
    await writer.json('PATCH', `/requests/${requestId}`, { body: 'More detail' });
    await writer.json('DELETE', `/requests/${requestId}`);
    const events = await app.db.query<{ type: string; payload: string }>('select type, payload from webhook_events where project_id = $1 order by created_at', [project.id]);
    expect(events.map((event) => event.type)).toEqual(['comment.created', 'request.updated', 'request.deleted']);
    const [comment, updated, deleted] = events.map((event) => JSON.parse(event.payload).data);
    expect(comment).toMatchObject({ comment: { requestId, body: 'First!', team: false, internal: false }, request: { id: requestId, title: 'Evented' } });
    expect(updated).toMatchObject({ request: { id: requestId, body: 'More detail' }, changed: ['body'] });
    expect(deleted).toEqual({ request: { id: requestId, title: 'Evented' } });
  });
});
