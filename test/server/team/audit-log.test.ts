import { AUDIT_ACTIONS, auditLogSchema } from '@reqio/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReqioClient } from '../../../server/src/client/reqio-client.js';
import { recordAuditEntry } from '../../../server/src/services/audit/record-audit-entry.js';
import { storeKinds } from '../../helpers/test-database.js';
import { identifyAs } from '../../helpers/widget-client.js';
import { OWNER, invitedMember, linkTokenOf, signedInOwner, startDashboardApp, stepUp, type DashboardBrowser } from '../dashboard/dashboard-browser.js';

type App = Awaited<ReturnType<typeof startDashboardApp>>;

describe.each(storeKinds)('the audit log on %s', (store) => {
  let app: App;
  let admin: DashboardBrowser;
  let adminId = '';
  /** Every secret, key, password and link this suite makes or sees: none may reach the log. */
  const secrets: string[] = [];
  const admin$ = (path: string) => `/v1/admin/projects/${app.project.id}${path}`;

  beforeAll(async () => {
    app = await startDashboardApp({ store });
    secrets.push(app.project.secret, app.project.apiKey, OWNER.password);
    admin = await signedInOwner(app);
    adminId = (await admin.session()).owner.id;

    await identifyAs(app, { sub: 'gone-user', email: 'gone@example.com' });
    // Every action of CONTRACT §9 this installation can do, by a member of the team or an API key.
    await stepUp(admin);
    secrets.push((await admin.json('POST', `/dashboard/api/projects/${app.project.id}/secret/reveal`)).body.secret);
    await stepUp(admin);
    secrets.push((await admin.json('POST', admin$('/secrets'), { gracePeriodSeconds: 3600 })).body.secret);
    expect((await admin.json('DELETE', admin$('/secrets/previous'))).body.ended).toBe(true);
    await stepUp(admin);
    const key = await admin.json('POST', admin$('/api-keys'), { name: 'CI export' });
    secrets.push(key.body.apiKey);
    expect((await admin.json('DELETE', admin$(`/api-keys/${key.body.key.id}`))).status).toBe(204);
    const webhook = (await app.admin('/webhooks', { method: 'POST', body: JSON.stringify({ url: 'https://hooks.example.com/reqio', events: ['request.created'] }) }).then((r) => r.json())) as { webhook: { id: string }; secret: string };
    secrets.push(webhook.secret);
    await app.admin(`/webhooks/${webhook.webhook.id}`, { method: 'PATCH', body: JSON.stringify({ enabled: false }) });
    await stepUp(admin);
    secrets.push((await admin.json('GET', admin$(`/webhooks/${webhook.webhook.id}/secret`))).body.secret);
    await stepUp(admin);
    secrets.push((await admin.json('POST', admin$(`/webhooks/${webhook.webhook.id}/secret/rotate`), { gracePeriodSeconds: 0 })).body.secret);
    await app.admin(`/webhooks/${webhook.webhook.id}`, { method: 'DELETE' });
    const invite = await admin.json('POST', '/dashboard/api/members/invites', { email: 'carol@example.com', role: 'member' });
    secrets.push(invite.body.link, linkTokenOf(invite.body.link));
    const member = await invitedMember(app, admin, { email: 'dave@example.com', password: 'dave has a long password', role: 'member' });
    secrets.push('dave has a long password');
    const memberId = (await member.session()).owner.id;
    await admin.json('PATCH', `/dashboard/api/members/${memberId}`, { role: 'admin' });
    await admin.json('DELETE', `/dashboard/api/members/${memberId}`);
    await admin.json('PATCH', admin$(''), { leewaySeconds: 30, allowedOrigins: ['https://app.example.com'] });
    expect((await app.admin('/users/gone-user', { method: 'DELETE' })).status).toBe(204);
    // The workflow's merges and deletions record theirs through the same function, inside their transaction.
    await app.db.transaction((tx) => recordAuditEntry(tx, { projectId: app.project.id, actor: { kind: 'member', id: adminId, name: OWNER.email }, action: 'request.merged', target: 'req_a', changes: { into: 'req_b' } }));
    await app.db.transaction((tx) => recordAuditEntry(tx, { projectId: app.project.id, actor: { kind: 'apiKey', id: 'key_x' }, action: 'request.deleted', target: 'req_c' }));
  });
  afterAll(() => app.close());

  it('holds each listed action with who did it, newest first', async () => {
    const { status, body } = await admin.json('GET', admin$('/audit-log?limit=200'));
    expect(status).toBe(200);
    expect(auditLogSchema.parse(body)).toEqual(body);
    const actions = body.entries.map((entry: { action: string }) => entry.action);
    expect(new Set(actions)).toEqual(new Set(AUDIT_ACTIONS));
    const byAction = (action: string) => body.entries.find((entry: { action: string }) => entry.action === action);
    const me = { kind: 'member', id: adminId, name: OWNER.email };
    expect(byAction('secret.revealed')).toMatchObject({ actor: me, projectId: app.project.id });
    expect(byAction('secret.rotated')).toMatchObject({ actor: me, changes: { gracePeriodSeconds: 3600 } });
    expect(byAction('api_key.created')).toMatchObject({ actor: me, changes: { name: 'CI export', prefix: expect.stringMatching(/^rq_ak_/) } });
    expect(byAction('webhook.created')).toMatchObject({ actor: { kind: 'apiKey', id: expect.stringMatching(/^key_/), name: 'Default key' }, changes: { url: 'https://hooks.example.com/reqio' } });
    expect(byAction('member.invited')).toMatchObject({ actor: me, projectId: null, target: 'dave@example.com', changes: { role: 'member' } });
    expect(byAction('member.role_changed')).toMatchObject({ changes: { email: 'dave@example.com', from: 'member', to: 'admin' } });
    expect(byAction('member.removed')).toMatchObject({ changes: { email: 'dave@example.com', role: 'admin' } });
    expect(byAction('project.updated')).toMatchObject({ changes: { leewaySeconds: 30, allowedOrigins: ['https://app.example.com'] } });
    expect(byAction('user.deleted')).toMatchObject({ actor: { kind: 'apiKey' }, target: 'gone-user' });
    expect(body.entries[0]).toMatchObject({ action: 'request.deleted' });
    const times = body.entries.map((entry: { at: string }) => Date.parse(entry.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('never holds a secret: every row is searched for every secret this suite made', async () => {
    const rows = JSON.stringify(await app.db.query('select * from audit_log'));
    expect(secrets.length).toBeGreaterThanOrEqual(12);
    for (const secret of secrets) expect(rows, secret.slice(0, 12)).not.toContain(secret);
    expect(rows).not.toMatch(/rq_sk_|rq_ak_[A-Za-z0-9_-]{20}|whsec_|#token=/);
  });

  it('writes nothing for an action that failed', async () => {
    const before = (await app.db.query('select seq from audit_log')).length;
    expect((await app.admin('/api-keys/key_missing', { method: 'DELETE' })).status).toBe(404);
    expect((await app.admin('/webhooks/whk_missing', { method: 'DELETE' })).status).toBe(404);
    expect((await app.admin('/users/nobody', { method: 'DELETE' })).status).toBe(404);
    expect((await app.db.query('select seq from audit_log')).length).toBe(before);
  });

  it('pages and filters through the admin API and the typed client; members may not read it', async () => {
    const client = new ReqioClient({ baseUrl: app.url, projectId: app.project.id, apiKey: app.project.apiKey });
    const first = await client.auditLog.list({ limit: 5 });
    expect(first.entries).toHaveLength(5);
    expect(first.nextOffset).toBe(5);
    const second = await client.auditLog.list({ limit: 5, offset: 5 });
    expect(second.entries[0]!.id).not.toBe(first.entries[0]!.id);
    const onlyKeys = await client.auditLog.list({ action: 'api_key.created' });
    expect(onlyKeys).toEqual({ entries: [expect.objectContaining({ action: 'api_key.created' })], nextOffset: null });
    const bad = await app.admin('/audit-log?action=secret.stolen');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('validation_failed');

    const member = await invitedMember(app, admin, { email: 'erin@example.com', password: 'erin has a long password', role: 'member' });
    const refused = await member.json('GET', admin$('/audit-log'));
    expect(refused.status).toBe(403);
    expect(refused.body.error.reason).toBe('role_forbidden');
  });

  it('refuses to change or remove an entry', async () => {
    await expect(app.db.query("update audit_log set actor_name = 'someone else'")).rejects.toThrow(/append-only/);
    await expect(app.db.query('delete from audit_log')).rejects.toThrow(/append-only/);
  });
});
