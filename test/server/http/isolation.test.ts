import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminRoutes } from '../../../server/src/http/routes/admin-routes.js';
import { widgetRoutes } from '../../../server/src/http/routes/widget-routes.js';
import type { RouteSpec } from '../../../server/src/http/route-spec.js';
import { startTestApp, type TestApp, type TestProject } from '../../helpers/start-test-app.js';
import { storeKinds } from '../../helpers/test-database.js';
import { anonymous, identifyAs } from '../../helpers/widget-client.js';

// Every route of the widget and admin tables is called on project B with project A's
// credentials. The tables are what the routers are built from, so a new route is covered
// here the moment it exists.
describe.each(storeKinds)('project isolation on %s', (store) => {
  let app: TestApp;
  let a: TestProject;
  let b: TestProject;
  const params: Record<string, string> = {};
  const credentials: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp({ store });
    a = app.project;
    b = await app.createProject({ name: 'Project B' });
    // Real things in B, so a refusal can only come from the credentials.
    const bUser = await identifyAs(app, { sub: 'b-user', traits: { amount: 100 } }, { project: b });
    params.requestId = (await bUser.json('POST', '/requests', { title: 'B request' })).body.request.id;
    params.userId = 'b-user';
    params.accountId = ((await (await app.admin('/accounts', { project: b })).json()) as { accounts: { id: string }[] }).accounts[0]!.id;
    params.commentId = (await bUser.json('POST', `/requests/${params.requestId}/comments`, { body: 'B comment' })).body.comment.id;
    params.keyId = ((await (await app.admin('/api-keys', { project: b })).json()) as { apiKeys: { id: string }[] }).apiKeys[0]!.id;
    credentials.userSession = (await identifyAs(app, { sub: 'a-user' }, { project: a })).session;
    credentials.anonymousSession = (await anonymous(app, 'a_anonymous_0001', a)).session;
    credentials.identityToken = await app.mint({ sub: 'a-user' }, { project: a });
    credentials.apiKey = a.apiKey;
  });
  afterAll(() => app.close());

  const pathFor = (base: string, route: RouteSpec) =>
    `${app.url}${base}${route.path.replace(/:(\w+)/g, (_m, name: string) => (name === 'projectId' ? b.id : (params[name] ?? 'x')))}`.replace(/\/$/, '');
  const bodyFor = (route: RouteSpec) =>
    route.method === 'get' || route.method === 'delete'
      ? undefined
      : JSON.stringify({ title: 'Hijack', body: 'Hijack', status: 'done', name: 'x', token: credentials.identityToken, anonymousId: 'a_anonymous_0001' });

  it('has routes to check', () => {
    expect(widgetRoutes(app.deps).length).toBeGreaterThanOrEqual(6);
    expect(adminRoutes(app.deps).length).toBeGreaterThanOrEqual(10);
  });

  it.each(['userSession', 'anonymousSession'])("refuses A's %s on every session route of B", async (kind) => {
    const routes = widgetRoutes(app.deps).filter((route) => route.auth === 'session');
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      const response = await fetch(pathFor(`/v1/projects/${b.id}`, route), {
        method: route.method.toUpperCase(),
        headers: { authorization: `Bearer ${credentials[kind]}`, 'content-type': 'application/json' },
        body: bodyFor(route),
      });
      expect([401, 403, 404], `${route.method} ${route.path}`).toContain(response.status);
    }
  });

  it("refuses A's identity token on B's identify routes", async () => {
    for (const route of widgetRoutes(app.deps).filter((r) => r.auth === 'identity-token')) {
      const response = await fetch(pathFor(`/v1/projects/${b.id}`, route), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: credentials.identityToken }),
      });
      expect(response.status, route.path).toBe(401);
      expect(['signature_invalid', 'audience_mismatch']).toContain(((await response.json()) as { error: { code: string } }).error.code);
    }
  });

  it("refuses A's API key, and any widget session, on every admin route of B", async () => {
    const routes = adminRoutes(app.deps);
    for (const route of routes) {
      for (const bearer of [credentials.apiKey, credentials.userSession]) {
        const response = await fetch(pathFor(`/v1/admin/projects/${b.id}`, route), {
          method: route.method.toUpperCase(),
          headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
          body: bodyFor(route),
        });
        expect([401, 403, 404], `${route.method} ${route.path}`).toContain(response.status);
      }
      const anonymousCall = await fetch(pathFor(`/v1/admin/projects/${b.id}`, route), { method: route.method.toUpperCase() });
      expect(anonymousCall.status, `${route.method} ${route.path} without credentials`).toBe(401);
    }
  });

  it("left B's data as it was", async () => {
    const detail = (await (await app.admin(`/requests/${params.requestId}`, { project: b })).json()) as { request: { title: string; status: string; votes: number } };
    expect(detail.request).toMatchObject({ title: 'B request', body: '', status: 'open', votes: 1 });
    const comments = (await (await app.admin(`/requests/${params.requestId}/comments`, { project: b })).json()) as { comments: { body: string }[] };
    expect(comments.comments.map((comment) => comment.body)).toEqual(['B comment']);
    expect((await app.admin('/users/b-user', { project: b })).status).toBe(200);
    const keys = (await (await app.admin('/api-keys', { project: b })).json()) as { apiKeys: { revokedAt: string | null }[] };
    expect(keys.apiKeys.every((key) => key.revokedAt === null)).toBe(true);
  });
});
