import type { Send } from '../../widget/src/create-transport.js';
import { ApiError } from '../../widget/src/api-error.js';

/** One call the widget made. */
export interface Call {
  method: string;
  path: string;
  body?: unknown;
  session?: string;
  /** The call's AbortSignal, when the widget can cancel it. */
  signal?: AbortSignal;
}

type Handler = (call: Call) => unknown | Promise<unknown>;

/**
 * A scripted stand-in for the API behind {@link Send}: `answer(method path, handler)`; a
 * handler throws `fail(status, code)` to answer an error. Unscripted calls fail the test.
 */
export function createFakeApi() {
  const calls: Call[] = [];
  const handlers = new Map<string, Handler>();
  let sessions = 0;
  const send: Send = async <T>(method: string, path: string, body?: unknown, session?: string, signal?: AbortSignal): Promise<T> => {
    const call: Call = { method, path, ...(body === undefined ? {} : { body }), ...(session === undefined ? {} : { session }), ...(signal ? { signal } : {}) };
    calls.push(call);
    const handler = handlers.get(`${method} ${path}`);
    if (!handler) throw new Error(`unexpected call ${method} ${path}`);
    return (await handler(call)) as T;
  };
  const api = {
    calls,
    send,
    answer(route: string, handler: Handler) {
      handlers.set(route, handler);
      return api;
    },
    /** Default answers for the session routes: numbered sessions valid for an hour. */
    withSessions(expiresAt = () => new Date(Date.now() + 3_600_000).toISOString()) {
      api.answer('POST /sessions', () => ({ session: `anon-${++sessions}`, expiresAt: expiresAt() }));
      api.answer('POST /identify', (call) => {
        const { token } = call.body as { token: string };
        if (token.startsWith('bad')) throw fail(401, 'signature_invalid');
        return { session: `user-${++sessions}`, expiresAt: expiresAt(), user: { id: token.replace(/^token-/, ''), email: null, plan: null, monthlyAmount: 0 }, warnings: [] };
      });
      return api;
    },
    /** The calls to `method path`, in order. */
    to: (route: string) => calls.filter((call) => `${call.method} ${call.path}` === route),
  };
  return api;
}

/** An error answer, as the transport would throw it. */
export const fail = (status: number, code: string, fields?: Record<string, string>) => new ApiError(status, code, code, fields);

/** Resolves after pending promise callbacks have run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
