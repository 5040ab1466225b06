import { installDashboard, type Dashboard, type DashboardOptions } from '../../../server/src/http/install-dashboard.js';
import { startTestApp, type TestApp, type TestAppOptions } from '../../helpers/start-test-app.js';

/** A fetch client that keeps cookies and the CSRF token the way the dashboard's page does. */
export interface DashboardBrowser {
  cookies: Map<string, string>;
  csrfToken: string;
  /** Calls a path of the service with the cookies; on a change, with the CSRF token unless `csrf: false`. */
  call(method: string, path: string, body?: unknown, options?: { csrf?: boolean | string; headers?: Record<string, string> }): Promise<Response>;
  json<T = any>(method: string, path: string, body?: unknown, options?: { csrf?: boolean | string }): Promise<{ status: number; body: T; response: Response }>;
  /** `GET /dashboard/api/session`, keeping the CSRF token it hands out. */
  session(): Promise<any>;
}

/** A new browser (no cookies) for the app at `url`. */
export function dashboardBrowser(url: string): DashboardBrowser {
  const cookies = new Map<string, string>();
  const browser: DashboardBrowser = {
    cookies,
    csrfToken: '',
    async call(method, path, body, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (cookies.size > 0) headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (method !== 'GET' && options.csrf !== false) headers['x-reqio-csrf'] = typeof options.csrf === 'string' ? options.csrf : browser.csrfToken;
      const response = await fetch(`${url}${path}`, { method, headers, redirect: 'manual', ...(body !== undefined && { body: JSON.stringify(body) }) });
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const index = pair!.indexOf('=');
        const name = pair!.slice(0, index);
        const value = pair!.slice(index + 1);
        if (/max-age=0/i.test(line)) cookies.delete(name);
        else cookies.set(name, value);
      }
      return response;
    },
    async json(method, path, body, options) {
      const response = await browser.call(method, path, body, options);
      const text = await response.text();
      // A route that answers something else than JSON (the CSV export) keeps its text.
      const parsed = text && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text || undefined;
      if (parsed && typeof parsed.csrfToken === 'string') browser.csrfToken = parsed.csrfToken;
      return { status: response.status, body: parsed, response };
    },
    async session() {
      return (await browser.json('GET', '/dashboard/api/session')).body;
    },
  };
  return browser;
}

export const OWNER = { email: 'owner@example.com', password: 'correct horse battery staple' };

/** The test app with the dashboard installed (built assets not needed for the JSON routes). */
export async function startDashboardApp(options: TestAppOptions & { dashboard?: DashboardOptions } = {}): Promise<TestApp & { dashboard: Dashboard }> {
  let dashboard: Dashboard | undefined;
  const app = await startTestApp({
    ...options,
    customize: async (deps, context) => {
      dashboard = installDashboard(deps, options.dashboard);
      await options.customize?.(deps, context);
    },
  });
  return Object.assign(app, { dashboard: dashboard! });
}

/** A browser signed in as the first owner, created through a real first-run link. */
export async function signedInOwner(app: TestApp & { dashboard: Dashboard }): Promise<DashboardBrowser> {
  const browser = dashboardBrowser(app.url);
  await browser.session();
  const link = await app.dashboard.issueSetupLink();
  if (link !== undefined) {
    const token = new URL(link.url).hash.replace('#token=', '');
    const setup = await browser.json('POST', '/dashboard/api/setup', { token, ...OWNER });
    if (setup.status !== 201) throw new Error(`setup failed: ${setup.status} ${JSON.stringify(setup.body)}`);
  } else {
    const login = await browser.json('POST', '/dashboard/api/login', OWNER);
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  }
  return browser;
}

/** The token of a first-run link. */
export const setupTokenOf = (url: string): string => new URL(url).hash.replace('#token=', '');

/** Enters the password again (and a two-factor code when given): the next sensitive call may go ahead. */
export async function stepUp(browser: DashboardBrowser, credentials: { password: string; code?: string } = OWNER): Promise<void> {
  const answer = await browser.json('POST', '/dashboard/api/step-up', { password: credentials.password, ...(credentials.code !== undefined && { code: credentials.code }) });
  if (answer.status !== 200) throw new Error(`step-up failed: ${answer.status} ${JSON.stringify(answer.body)}`);
}

/** The token of a one-time member link (invite, reset). */
export const linkTokenOf = setupTokenOf;

/** Invites `email` as `role` through the admin's browser and accepts the invite in a new browser: that member, signed in. */
export async function invitedMember(
  app: TestApp,
  admin: DashboardBrowser,
  member: { email: string; name?: string; password: string; role: 'admin' | 'member' },
): Promise<DashboardBrowser> {
  const invite = await admin.json('POST', '/dashboard/api/members/invites', { email: member.email, role: member.role });
  if (invite.status !== 201) throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.body)}`);
  const browser = dashboardBrowser(app.url);
  await browser.session();
  const accepted = await browser.json('POST', '/dashboard/api/invites/accept', { token: linkTokenOf(invite.body.link), name: member.name ?? 'A colleague', password: member.password });
  if (accepted.status !== 201) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return browser;
}
