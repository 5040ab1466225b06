import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReqioClient } from '@reqio/server/client';
import { listAuditEntries } from '../../../server/src/storage/audit/audit-queries.js';
import { recomputeRequestTotals } from '../../../server/src/storage/requests/request-queries.js';
import { startTestApp, type TestApp, type TestProject } from '../../helpers/start-test-app.js';
import { storeKinds } from '../../helpers/test-database.js';
import { anonymous, identifyAs, type WidgetClient } from '../../helpers/widget-client.js';

type Detail = { request: { id: string; status: string; votes: number; accounts: number; monthlyRevenue: number; mergedInto: string | null; commentCount: number } };

// CONTRACT §7 merge and delete: votes and comments move, a voter in both counts once,
// revenue and accounts of both requests stay exact (the totals oracle finds nothing to fix).
describe.each(storeKinds)('merging and deleting requests on %s', (store) => {
  let app: TestApp;
  let project: TestProject;
  let reqio: ReqioClient;
  let people: Record<'ann' | 'bob' | 'solo' | 'guest' | 'other', WidgetClient>;

  beforeAll(async () => {
    app = await startTestApp({ store });
    project = await app.createProject({ name: 'Merging' });
    reqio = new ReqioClient({ baseUrl: app.url, apiKey: project.apiKey, projectId: project.id });
    people = {
      // Ann and Bob are one account: Acme, $2,000 a month.
      ann: await identifyAs(app, { sub: 'ann', email: 'ann@acme.example', company: { id: 'acme', amount: 200000 } } as never, { project }),
      bob: await identifyAs(app, { sub: 'bob', email: 'bob@acme.example', company: { id: 'acme' } } as never, { project }),
      solo: await identifyAs(app, { sub: 'solo', traits: { amount: 4900 } }, { project }),
      guest: await anonymous(app, 'merge_guest_0001', project),
      other: await identifyAs(app, { sub: 'other', traits: { amount: 100 } }, { project }),
    };
  });
  afterAll(() => app.close());

  const detail = async (id: string) => ((await (await app.admin(`/requests/${id}`, { project })).json()) as Detail).request;
  const post = async (client: WidgetClient, title: string) => (await client.json('POST', '/requests', { title })).body.request.id as string;
  const merge = (id: string, into: string, target: TestProject = project) =>
    app.admin(`/requests/${id}/merge`, { project: target, method: 'POST', body: JSON.stringify({ into }) });
  const oracle = () => recomputeRequestTotals(app.db, project.id);

  it('moves votes and comments, counts a voter of both once, and keeps revenue and accounts exact', async () => {
    // The duplicate: Ann (Acme), Solo and a guest. The target: Bob (Acme), Solo and Other.
    const duplicate = await post(people.ann, 'Single sign-on');
    await people.solo.json('PUT', `/requests/${duplicate}/vote`);
    await people.guest.json('PUT', `/requests/${duplicate}/vote`);
    await people.guest.json('POST', `/requests/${duplicate}/comments`, { body: 'SAML please' });
    const target = await post(people.bob, 'SAML SSO');
    await people.solo.json('PUT', `/requests/${target}/vote`);
    await people.other.json('PUT', `/requests/${target}/vote`);
    await people.other.json('POST', `/requests/${target}/comments`, { body: 'Okta here' });
    expect(await detail(duplicate)).toMatchObject({ votes: 3, accounts: 2, monthlyRevenue: 204900 });
    expect(await detail(target)).toMatchObject({ votes: 3, accounts: 3, monthlyRevenue: 205000 });

    const response = await merge(duplicate, target);
    expect(response.status).toBe(200);
    // Ann joins Bob's Acme (one account), Solo counted once, the guest's vote moves.
    expect(((await response.json()) as Detail).request).toMatchObject({ id: target, votes: 5, accounts: 3, monthlyRevenue: 205000, commentCount: 2 });
    expect(await detail(duplicate)).toMatchObject({ status: 'merged', mergedInto: target, votes: 0, accounts: 0, monthlyRevenue: 0, commentCount: 0 });
    expect(await oracle()).toBe(0);

    // The duplicate's id answers the target in the widget; its comments are there.
    const seen = await people.guest.json('GET', `/requests/${duplicate}`);
    expect(seen.body).toMatchObject({ request: { id: target, votes: 5, voted: true }, mergedFrom: duplicate });
    expect(seen.body.comments.map((comment: { body: string }) => comment.body)).toEqual(['SAML please', 'Okta here']);
    const listed = (await people.guest.json('GET', '/requests?limit=200')).body.requests.map((request: { id: string }) => request.id);
    expect(listed).toContain(target);
    expect(listed).not.toContain(duplicate);
    // Votes, comments and edits on the merged id are refused with its target named.
    const vote = await people.other.json('PUT', `/requests/${duplicate}/vote`);
    expect(vote.status).toBe(409);
    expect(vote.body.error).toMatchObject({ code: 'request_merged', mergedInto: target });
    expect((await people.other.json('POST', `/requests/${duplicate}/comments`, { body: 'Hello' })).body.error.code).toBe('request_merged');
    expect((await app.admin(`/requests/${duplicate}`, { project, method: 'PATCH', body: JSON.stringify({ status: 'done' }) })).status).toBe(409);
    // Unvoting the target afterwards keeps the totals exact.
    await people.ann.json('DELETE', `/requests/${target}/vote`);
    expect(await detail(target)).toMatchObject({ votes: 4, accounts: 3, monthlyRevenue: 205000 });
    await people.bob.json('DELETE', `/requests/${target}/vote`);
    expect(await detail(target)).toMatchObject({ votes: 3, accounts: 2, monthlyRevenue: 5000 });
    expect(await oracle()).toBe(0);
  });

  it('refuses a merge into itself or into a merged request with 409, and another project or an unknown id with 404', async () => {
    const a = await post(people.solo, 'Merge refusals A');
    const b = await post(people.solo, 'Merge refusals B');
    const c = await post(people.solo, 'Merge refusals C');
    const self = await merge(a, a);
    expect(self.status).toBe(409);
    expect(((await self.json()) as { error: { code: string } }).error.code).toBe('merge_into_self');
    expect((await merge(b, c)).status).toBe(200);
    const intoMerged = await merge(a, b);
    expect(intoMerged.status).toBe(409);
    expect(((await intoMerged.json()) as { error: { code: string } }).error.code).toBe('request_merged');
    expect(((await (await merge(b, a)).json()) as { error: { code: string } }).error.code).toBe('request_merged');

    const elsewhere = await app.createProject({ name: 'Elsewhere' });
    const foreign = await post(await identifyAs(app, { sub: 'foreigner' }, { project: elsewhere }), 'Foreign request');
    for (const response of [await merge(a, foreign), await merge(foreign, a), await merge(a, 'req_nope'), await merge('req_nope', a)]) {
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
    expect((await merge(foreign, a, elsewhere)).status).toBe(404);
    for (const body of [{}, { into: '' }, { into: 42 }]) {
      expect((await app.admin(`/requests/${a}/merge`, { project, method: 'POST', body: JSON.stringify(body) })).status).toBe(400);
    }
    expect(await detail(a)).toMatchObject({ status: 'open', votes: 1 });
    expect(await oracle()).toBe(0);
  });

  it('points earlier merges at the new target, through the client', async () => {
    const first = await post(people.other, 'Chain one');
    const second = await post(people.ann, 'Chain two');
    const third = await post(people.bob, 'Chain three');
    expect((await reqio.requests.merge(first, second)).id).toBe(second);
    const final = await reqio.requests.merge(second, third);
    expect(final).toMatchObject({ id: third, votes: 3, accounts: 2 });
    expect((await detail(first)).mergedInto).toBe(third);
    expect((await people.other.json('GET', `/requests/${first}`)).body).toMatchObject({ request: { id: third }, mergedFrom: first });
    expect(await oracle()).toBe(0);
  });

  it('deletes a request with its votes, comments and merged duplicates; totals follow and late comments get 409', async () => {
    const duplicate = await post(people.ann, 'Delete chain duplicate');
    const doomed = await post(people.bob, 'Delete me');
    const kept = await post(people.solo, 'Keep me');
    for (const client of [people.ann, people.solo, people.guest]) await client.json('PUT', `/requests/${doomed}/vote`);
    await people.ann.json('PUT', `/requests/${kept}/vote`);
    await people.other.json('POST', `/requests/${doomed}/comments`, { body: 'Bye' });
    await merge(duplicate, doomed);
    const keptBefore = await detail(kept);

    await reqio.requests.delete(doomed);
    for (const id of [doomed, duplicate]) {
      expect((await app.admin(`/requests/${id}`, { project })).status).toBe(404);
      const late = await people.other.json('POST', `/requests/${id}/comments`, { body: 'Still there?' });
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('request_deleted');
    }
    expect(await app.db.query('select 1 from votes where request_id = $1 union all select 1 from comments where request_id = $1', [doomed])).toEqual([]);
    expect(await detail(kept)).toEqual(keptBefore);
    expect(await oracle()).toBe(0);
    expect((await app.admin(`/requests/${doomed}`, { project, method: 'DELETE' })).status).toBe(404);
  });

  it('emits request.merged and request.deleted', async () => {
    const events = await app.createProject({ name: 'Merge events' });
    await app.admin('/webhooks', { project: events, method: 'POST', body: JSON.stringify({ url: 'https://example.com/hooks', events: ['request.merged', 'request.deleted'] }) });
    const writer = await identifyAs(app, { sub: 'writer' }, { project: events });
    const from = (await writer.json('POST', '/requests', { title: 'From' })).body.request.id;
    const into = (await writer.json('POST', '/requests', { title: 'Into' })).body.request.id;
    await app.admin(`/requests/${from}/merge`, { project: events, method: 'POST', body: JSON.stringify({ into }) });
    await app.admin(`/requests/${into}`, { project: events, method: 'DELETE' });
    const rows = await app.db.query<{ type: string; payload: string }>('select type, payload from webhook_events where project_id = $1 order by created_at', [events.id]);
    expect(rows.map((row) => [row.type, JSON.parse(row.payload).data])).toEqual([
      ['request.merged', { request: { id: from, title: 'From' }, into: { id: into, title: 'Into', votes: 1 } }],
      ['request.deleted', { request: { id: into, title: 'Into' } }],
    ]);
    // The audit log names who did each, with the API key as actor.
    // (The webhook made above is audited too: only the request actions are looked at here.)
    const audit = { entries: (await listAuditEntries(app.db, events.id, { offset: 0, limit: 10 })).filter((entry) => entry.action.startsWith('request.')) };
    expect(audit.entries.map((entry) => [entry.action, entry.target, entry.actor.kind])).toEqual([
      ['request.deleted', into, 'apiKey'],
      ['request.merged', from, 'apiKey'],
    ]);
    expect(audit.entries[1]!.changes).toEqual({ title: 'From', into, intoTitle: 'Into' });
  });
});
