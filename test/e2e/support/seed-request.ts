import { randomBytes } from 'node:crypto';
import type { WidgetRequest } from '@reqio/shared';
import type { TestApp, TestProject } from './test-app.js';

async function call<T>(url: string, body: unknown, session?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(session ? { authorization: `Bearer ${session}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Creates a request through the public API, as someone else than the person in the browser:
 * a fresh anonymous visitor, or the user `as` (signed in with a minted token).
 */
export async function seedRequest(
  app: TestApp,
  title: string,
  options: { body?: string; project?: TestProject; as?: { sub: string; email?: string } } = {},
): Promise<WidgetRequest> {
  const project = options.project ?? app.project;
  const base = `${app.url}/v1/projects/${project.id}`;
  const { session } = options.as
    ? await call<{ session: string }>(`${base}/identify`, { token: await app.mint(options.as, { project }) })
    : await call<{ session: string }>(`${base}/sessions`, { anonymousId: `seed_${randomBytes(12).toString('base64url')}` });
  const { request } = await call<{ request: WidgetRequest }>(`${base}/requests`, { title, ...(options.body ? { body: options.body } : {}) }, session);
  return request;
}

/** Sets a request's status through the admin API. */
export async function setStatus(app: TestApp, requestId: string, status: string): Promise<void> {
  const response = await app.admin(`/requests/${requestId}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status }),
  });
  if (!response.ok) throw new Error(`PATCH /requests/${requestId} answered ${response.status}: ${await response.text()}`);
}

/** The admin view of one request: `{ request, voters }`. */
export async function adminRequest(
  app: TestApp,
  requestId: string,
  project?: TestProject,
): Promise<{ request: { votes: number; monthlyRevenue?: number }; voters: { id: string; email: string | null; monthlyAmount: number }[] }> {
  const response = await app.admin(`/requests/${requestId}`, project ? { project } : {});
  if (!response.ok) throw new Error(`GET admin /requests/${requestId} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as never;
}

/** Creates many requests through the public API in one anonymous session, in the order given (the last is the newest). */
export async function seedRequests(app: TestApp, titles: string[]): Promise<WidgetRequest[]> {
  const base = `${app.url}/v1/projects/${app.project.id}`;
  const { session } = await call<{ session: string }>(`${base}/sessions`, { anonymousId: `seed_${randomBytes(12).toString('base64url')}` });
  const created: WidgetRequest[] = [];
  for (const title of titles) created.push((await call<{ request: WidgetRequest }>(`${base}/requests`, { title }, session)).request);
  return created;
}

/** Posts a team reply (or, with `internal`, an internal note) through the admin API. */
export async function teamReply(app: TestApp, requestId: string, body: string, internal = false): Promise<void> {
  const response = await app.admin(`/requests/${requestId}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ body, internal }),
  });
  if (!response.ok) throw new Error(`POST /requests/${requestId}/comments answered ${response.status}: ${await response.text()}`);
}
