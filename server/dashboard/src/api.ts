// The dashboard's one way to reach the service: same-origin fetches with the session
// cookie, and the CSRF token on every change.

/** A refused call: the service's `{ error: { code, message } }`. */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  readonly status: number;
  readonly code: string;
  readonly reason: string | undefined;
  readonly fields: Record<string, string>;
  constructor(status: number, body: { code?: string; message?: string; reason?: string; fields?: Record<string, string> }) {
    super(body.message ?? `The service answered ${status}.`);
    this.status = status;
    this.code = body.code ?? 'internal_error';
    this.reason = body.reason;
    this.fields = body.fields ?? {};
  }
}

let csrfToken = '';
let onSignedOut: () => void = () => {};
let askForStepUp: (() => Promise<boolean>) | undefined;

/** Keeps the CSRF token the service handed out (session, login, logout). */
export const setCsrfToken = (token: string): void => void (csrfToken = token);

/** What to do when the session turns out to be over (a 401 from a signed-in call). */
export const whenSignedOut = (callback: () => void): void => void (onSignedOut = callback);

/**
 * How to ask for the password again when the service wants a step-up before something
 * sensitive: resolves to true once the step-up is done, false when the person cancels.
 */
export const whenStepUpNeeded = (ask: (() => Promise<boolean>) | undefined): void => void (askForStepUp = ask);

/**
 * Calls the service and resolves to its JSON (undefined for 204), or rejects with
 * {@link ApiFailure}. A call the service wants a step-up for (403 `step_up_required`) asks
 * for the password through {@link whenStepUpNeeded} and is sent once more.
 */
export async function api<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown, retried = false): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-reqio-csrf'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', cache: 'no-store', ...(body !== undefined && { body: JSON.stringify(body) }) });
  } catch {
    throw new ApiFailure(0, { code: 'network_error', message: 'The service cannot be reached. Is it running?' });
  }
  if (response.status === 204) return undefined as T;
  const json = (await response.json().catch(() => ({}))) as { error?: ConstructorParameters<typeof ApiFailure>[1] } & T;
  if (!response.ok) {
    const failure = new ApiFailure(response.status, json.error ?? {});
    if (response.status === 401 && !path.startsWith('/dashboard/api/login') && failure.reason !== 'credentials_invalid') onSignedOut();
    if (failure.reason === 'step_up_required' && !retried && askForStepUp !== undefined && (await askForStepUp())) return api<T>(method, path, body, true);
    throw failure;
  }
  return json;
}

/** The admin API of one project (`/v1/admin/projects/:projectId…`), reached with the dashboard's session. */
export const adminPath = (projectId: string, path = ''): string => `/v1/admin/projects/${encodeURIComponent(projectId)}${path}`;

/** The dashboard's own API of one project. */
export const dashboardPath = (projectId: string, path: string): string => `/dashboard/api/projects/${encodeURIComponent(projectId)}${path}`;

/** A failure as a sentence for the page. */
export const describeFailure = (error: unknown): string => (error instanceof Error ? error.message : 'Something went wrong.');

/** What a form that sets a password shows for a failure: the password's own problem when the server named one. */
export const describePasswordFailure = (error: unknown): string =>
  error instanceof ApiFailure && error.fields.password ? `Password ${error.fields.password}.` : describeFailure(error);

/** Whether a one-time link (invite, password reset) was refused as tampered, used or expired. */
export const isLinkRefusal = (error: unknown): error is ApiFailure =>
  error instanceof ApiFailure && (error.code === 'link_invalid' || error.code === 'link_expired');

/** A failure as one sentence, naming the fields the service refused. */
export const describeFieldFailure = (failure: unknown): string => {
  const fields = failure instanceof ApiFailure ? Object.entries(failure.fields) : [];
  return fields.length ? fields.map(([field, text]) => `${field} ${text}`).join('; ') : describeFailure(failure);
};
