import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminRoutes } from '../../../server/src/http/routes/admin-routes.js';
import { dashboardRoutes } from '../../../server/src/http/routes/dashboard-routes.js';
import type { RouteSpec } from '../../../server/src/http/route-spec.js';
import { createOwnerSessions } from '../../../server/src/team/owner-sessions.js';
import { createPasswordAttemptLimiter } from '../../../server/src/team/password-attempt-limiter.js';
import { storeKinds } from '../../helpers/test-database.js';
import { identifyAs } from '../../helpers/widget-client.js';
import { invitedMember, signedInOwner, startDashboardApp, type DashboardBrowser } from '../dashboard/dashboard-browser.js';

type App = Awaited<ReturnType<typeof startDashboardApp>>;
const MEMBER = { email: 'member@example.com', password: 'a member password of length', role: 'member' as const };

// Every route of the admin and dashboard tables, called as a member and as an admin of the
// team. The tables are what the routers are built from, so a new route is covered here the
// moment it exists, and its declared access is what this suite holds it to.
describe.each(storeKinds)('roles × routes on %s', (store) => {
  let app: App;
  let admin: DashboardBrowser;
  let member: DashboardBrowser;
  const params: Record<string, string> = {};
  const tables: { base: string; routes: RouteSpec[] }[] = [];

  beforeAll(async () => {
    app = await startDashboardApp({ store });
    admin = await signedInOwner(app);
    member = await invitedMember(app, admin, MEMBER);
    const user = await identifyAs(app, { sub: 'u-1', email: 'u1@example.com', traits: { amount: 100 } });
    params.projectId = app.project.id;
    params.requestId = (await user.json('POST', '/requests', { title: 'A real request' })).body.request.id;
    params.userId = 'u-1';
    params.stack = 'node';
    // Only the shape of the tables is read here: which routes exist and who may call them.
    const api = { sessions: createOwnerSessions({ db: app.db, publicUrl: app.url }), limiter: createPasswordAttemptLimiter() };
    tables.push({ base: `/v1/admin/projects/${app.project.id}`, routes: adminRoutes(app.deps) });
    tables.push({ base: '/dashboard/api', routes: dashboardRoutes(app.deps, api) });
  });
  afterAll(() => app.close());

  const pathOf = (base: string, route: RouteSpec) => `${base}${route.path.replace(/:(\w+)/g, (_match, name: string) => params[name] ?? 'x')}`.replace(/\/$/, '');
  const bodyOf = (route: RouteSpec) => (route.method === 'get' || route.method === 'delete' ? undefined : { status: 'planned', name: 'x', role: 'member' });
  const guarded = () => tables.flatMap(({ base, routes }) => routes.filter((route) => route.access !== undefined).map((route) => ({ base, route })));

  it('declares who may call every admin and dashboard route that needs credentials', () => {
    for (const { routes } of tables) {
      for (const route of routes) expect(route.auth === 'none' || route.access !== undefined, `${route.method} ${route.path}`).toBe(true);
    }
    const members = guarded().filter(({ route }) => route.access!.role === 'member');
    const admins = guarded().filter(({ route }) => route.access!.role === 'admin');
    expect(members.length).toBeGreaterThanOrEqual(8);
    expect(admins.length).toBeGreaterThanOrEqual(20);
  });

  it('refuses a member every admin-only route with 403 forbidden, cookie and CSRF token notwithstanding', async () => {
    for (const { base, route } of guarded().filter(({ route: r }) => r.access!.role === 'admin')) {
      const answer = await member.json(route.method.toUpperCase(), pathOf(base, route), bodyOf(route));
      expect(answer.status, `${route.method} ${route.path}`).toBe(403);
      expect(answer.body.error, `${route.method} ${route.path}`).toMatchObject({ code: 'forbidden', reason: 'role_forbidden' });
    }
  });

  it('lets a member through every route open to members, and never shows them a secret or a key', async () => {
    for (const { base, route } of guarded().filter(({ route: r }) => r.access!.role === 'member')) {
      const answer = await member.json(route.method.toUpperCase(), pathOf(base, route), bodyOf(route));
      expect(answer.status, `${route.method} ${route.path}`).not.toBe(403);
      expect(answer.status, `${route.method} ${route.path}`).toBeLessThan(500);
      expect(JSON.stringify(answer.body ?? {}), `${route.method} ${route.path}`).not.toMatch(/rq_sk_|rq_ak_|whsec_/);
    }
  });

  it('lets an admin through every route; a route that reveals or makes a credential asks for the password first', async () => {
    for (const { base, route } of guarded()) {
      if (route.method === 'delete' && route.path === '/members/:memberId') continue; // would remove the member the other tests use
      const answer = await admin.json(route.method.toUpperCase(), pathOf(base, route), bodyOf(route));
      if (route.access!.stepUp) {
        expect(answer.status, `${route.method} ${route.path}`).toBe(403);
        expect(answer.body.error.reason, `${route.method} ${route.path}`).toBe('step_up_required');
      } else {
        expect(answer.body?.error?.reason, `${route.method} ${route.path}`).not.toBe('role_forbidden');
        expect(answer.status, `${route.method} ${route.path}`).toBeLessThan(500);
      }
    }
  });

  it('asks nothing more of an API key, which has no password to enter again', async () => {
    const stepUpRoutes = tables[0]!.routes.filter((route) => route.access?.stepUp);
    expect(stepUpRoutes.length).toBeGreaterThanOrEqual(3);
    for (const route of stepUpRoutes) {
      const response = await app.admin(pathOf('', route), { method: route.method.toUpperCase(), ...(bodyOf(route) && { body: JSON.stringify({ gracePeriodSeconds: 0, name: 'ci' }) }) });
      expect((await response.text()).includes('step_up_required'), `${route.method} ${route.path}`).toBe(false);
    }
  });

  it('shows the dashboard what the signed-in role may do', async () => {
    expect((await member.session()).owner).toMatchObject({ email: MEMBER.email, role: 'member' });
    expect((await admin.session()).owner).toMatchObject({ role: 'admin' });
  });
});
