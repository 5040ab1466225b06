import { ApiError } from './api-error.js';

/** Sends one JSON call to the project's API; resolves with the parsed answer or throws {@link ApiError}. */
export type Send = <T>(method: string, path: string, body?: unknown, session?: string, signal?: AbortSignal) => Promise<T>;

/**
 * Creates the project's {@link Send}: paths are relative to `<apiUrl>/v1/projects/<projectId>`.
 * Cookies are never sent (the session travels as a bearer token), so CORS stays simple.
 */
export function createTransport(apiUrl: string, projectId: string, fetchImpl?: typeof fetch): Send {
  const base = `${apiUrl}/v1/projects/${encodeURIComponent(projectId)}`;
  return async <T>(method: string, path: string, body?: unknown, session?: string, signal?: AbortSignal): Promise<T> => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (session) headers.authorization = `Bearer ${session}`;
    let response: Response;
    try {
      // Looked up at call time: `fetch` detached from window throws "Illegal invocation".
      response = await (fetchImpl ?? fetch)(base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
        signal,
      });
    } catch {
      // A call the widget cancelled itself (the person typed on) is no failure to report.
      throw signal?.aborted ? new ApiError(0, 'aborted', '') : new ApiError(0, 'network_error', 'The feedback service could not be reached.');
    }
    const data = (await response.json().catch(() => null)) as
      | (T & { error?: { code?: string; message?: string; fields?: Record<string, string>; retryAfter?: number; expectedAudience?: string } })
      | null;
    if (!response.ok) {
      const error = data?.error;
      // Cross-origin, the header is only readable when CORS exposes it; the body has it too.
      const retryAfter = Number(response.headers.get('retry-after') || error?.retryAfter) || undefined;
      throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? '', error?.fields, retryAfter, error?.expectedAudience);
    }
    return data as T;
  };
}
