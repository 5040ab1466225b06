import type { TestApp, TestProject } from './start-test-app.js';

/** A tiny client of the widget API, as the widget uses it, for the HTTP suites. */
export interface WidgetClient {
  session: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  json<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

/** Calls the widget API of `project` with `session`. */
export function widgetClient(app: TestApp, session: string, project: TestProject = app.project): WidgetClient {
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/v1/projects/${project.id}${path}`, {
      method,
      headers: { authorization: `Bearer ${session}`, ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  return {
    session,
    call,
    async json(method, path, body) {
      const response = await call(method, path, body);
      return { status: response.status, body: response.status === 204 ? undefined : await response.json() };
    },
  };
}

/** Identifies with a given token (minted or hand-signed); returns a client with the session and the identify answer. */
export async function identifyWithToken(
  app: TestApp,
  token: string,
  options: { project?: TestProject; anonymousId?: string } = {},
): Promise<WidgetClient & { identify: any }> {
  const project = options.project ?? app.project;
  const response = await fetch(`${app.url}/v1/projects/${project.id}/identify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, ...(options.anonymousId !== undefined && { anonymousId: options.anonymousId }) }),
  });
  const identify = await response.json();
  if (response.status !== 200) throw new Error(`identify failed: ${response.status} ${JSON.stringify(identify)}`);
  return { ...widgetClient(app, identify.session, project), identify };
}

/** Identifies a user by minting a real token with the project's secret. */
export async function identifyAs(
  app: TestApp,
  claims: { sub: string; email?: string; name?: string; traits?: Record<string, unknown>; company?: Record<string, unknown> },
  options: { project?: TestProject; anonymousId?: string } = {},
): Promise<WidgetClient & { identify: any }> {
  return identifyWithToken(app, await app.mint(claims, { project: options.project ?? app.project }), options);
}

/** Starts an anonymous session for `anonymousId`. */
export async function anonymous(app: TestApp, anonymousId: string, project: TestProject = app.project): Promise<WidgetClient> {
  const response = await fetch(`${app.url}/v1/projects/${project.id}/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ anonymousId }),
  });
  const body = await response.json();
  if (response.status !== 200) throw new Error(`session failed: ${response.status} ${JSON.stringify(body)}`);
  return widgetClient(app, body.session, project);
}
