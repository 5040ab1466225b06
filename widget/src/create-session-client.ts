import type { AnonymousSessionResponse, IdentifyResponse } from '@reqio/shared';
import { ApiError, errorCode } from './api-error.js';
import { ANONYMOUS_ID_PATTERN, createAnonymousId } from './create-anonymous-id.js';
import type { Emitter } from './create-emitter.js';
import type { WidgetStorage } from './create-storage.js';
import type { Send } from './create-transport.js';
import type { IdentifyInput, TokenProvider, WidgetUser } from './types.js';
import { warn } from './warn.js';

/** A widget session as kept in storage. */
export interface StoredSession {
  token: string;
  /** ISO 8601, from the API. */
  expiresAt: string;
  /** Null for an anonymous session. */
  user: WidgetUser | null;
}

/** Who the widget acts for, and the calls it makes on their behalf. */
export interface SessionClient {
  identify(input: IdentifyInput): Promise<WidgetUser | null>;
  reset(): void;
  /** Calls the API with the current session; renews it and retries once on a 401. */
  request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T>;
  user(): WidgetUser | null;
  /** Whether this browser has talked to the service before (a session or an anonymous id), so asking costs no new session. */
  known(): boolean;
}

export interface SessionClientOptions {
  send: Send;
  storage: WidgetStorage;
  emit: Emitter['emit'];
  /** Called when the person the widget acts for changes (identified, fallen back, reset). */
  onChange(user: WidgetUser | null): void;
  now?: () => number;
}

const SESSION_KEY = 'session';
const ANONYMOUS_KEY = 'anonymousId';

/**
 * Creates the session logic: anonymous by default, identified through a token or a token
 * provider, renewed when the session ends or a call answers 401.
 *
 * Every identify/reset bumps `generation`; work started for an older generation may finish
 * but never writes the session, so the latest call always wins.
 */
export function createSessionClient({ send, storage, emit, onChange, now = Date.now }: SessionClientOptions): SessionClient {
  let provider: TokenProvider | null = null;
  let generation = 0;
  // The identity work callers wait for before using the session; it never rejects.
  let busy: Promise<unknown> = Promise.resolve();

  // Read from storage on first use (see createStorage): undefined until then.
  let session: StoredSession | null | undefined;
  const load = () => {
    if (session !== undefined) return;
    session = storage.get<StoredSession>(SESSION_KEY);
    // A stored *user* session is not adopted: the page must assert who is signed in again
    // (token attribute or identify()), or a server-side logout without reset() would let the
    // next person act as the previous one. Anonymous sessions are reused.
    if (!session || typeof session.token !== 'string' || session.user) {
      session = null;
      storage.remove(SESSION_KEY);
    }
  };

  const save = (next: StoredSession | null) => {
    session = next;
    if (next) storage.set(SESSION_KEY, next);
    else storage.remove(SESSION_KEY);
  };
  const isFresh = (candidate: StoredSession | null | undefined): candidate is StoredSession =>
    !!candidate && Date.parse(candidate.expiresAt) > now();
  const dropUser = () => {
    if (session?.user) {
      save(null);
      onChange(null);
    }
  };

  async function exchange(token: string, gen: number): Promise<StoredSession | null> {
    let answer: IdentifyResponse;
    try {
      answer = await send<IdentifyResponse>('POST', '/identify', {
        token,
        anonymousId: storage.get<string>(ANONYMOUS_KEY) ?? undefined,
      });
    } catch (error) {
      if (gen === generation) {
        const expected = (error as ApiError).expectedAudience;
        // The audience trap (CONTRACT §5): say what the service checks; never anything secret.
        warn(`identify failed: ${errorCode(error)}${expected ? `. This service expects the token's "aud" to be "${expected}": mint with that audience` : ''}`);
        emit('identity:error', { code: errorCode(error) });
      }
      return null;
    }
    if (gen !== generation) return null;
    // The anonymous votes are now the user's; a later anonymous stretch starts from a new id.
    storage.remove(ANONYMOUS_KEY);
    for (const warning of answer.warnings ?? []) warn(`identity token warning ${warning.code}: ${warning.message}`);
    save({ token: answer.session, expiresAt: answer.expiresAt, user: answer.user });
    onChange(answer.user);
    emit('identified', answer.user);
    return session ?? null;
  }

  async function fromProvider(current: TokenProvider, gen: number): Promise<StoredSession | null> {
    let token: unknown;
    try {
      token = await current();
    } catch (error) {
      warn('the token provider failed', error);
      if (gen === generation) emit('identity:error', { code: 'provider_failed' });
      return null;
    }
    // An empty answer means nobody is signed in: the widget carries on anonymously.
    const trimmed = typeof token === 'string' ? token.trim() : '';
    return trimmed ? exchange(trimmed, gen) : null;
  }

  async function startAnonymous(gen: number): Promise<StoredSession> {
    let anonymousId = storage.get<string>(ANONYMOUS_KEY);
    if (typeof anonymousId !== 'string' || !ANONYMOUS_ID_PATTERN.test(anonymousId)) {
      storage.set(ANONYMOUS_KEY, (anonymousId = createAnonymousId()));
    }
    const answer = await send<AnonymousSessionResponse>('POST', '/sessions', { anonymousId });
    const next: StoredSession = { token: answer.session, expiresAt: answer.expiresAt, user: null };
    if (gen === generation) save(next);
    return next;
  }

  async function renew(gen: number, reason: string): Promise<StoredSession> {
    if (provider) {
      const renewed = await fromProvider(provider, gen);
      if (renewed) return renewed;
    } else if (session?.user && gen === generation) {
      emit('identity:error', { code: reason });
    }
    if (gen === generation) dropUser();
    return startAnonymous(gen);
  }

  async function ensureSession(reason: string): Promise<StoredSession> {
    load();
    // Wait for identity work in progress, including work that starts while waiting.
    for (let pending = busy; ; pending = busy) {
      await pending;
      if (pending === busy) break;
    }
    if (isFresh(session)) return session;
    const renewal = renew(generation, reason);
    busy = renewal.catch(() => {});
    return renewal;
  }

  function reset(): void {
    generation += 1;
    provider = null;
    busy = Promise.resolve();
    storage.remove(ANONYMOUS_KEY);
    save(null);
    onChange(null);
    emit('reset', undefined);
  }

  return {
    identify(input) {
      load();
      if (!input) {
        reset();
        return Promise.resolve(null);
      }
      if (typeof input !== 'string' && typeof input !== 'function') {
        warn('identify() takes a token, a function that returns one, or null');
        return Promise.resolve(null);
      }
      const gen = (generation += 1);
      provider = typeof input === 'function' ? input : null;
      const work = (typeof input === 'function' ? fromProvider(input, gen) : exchange(input.trim(), gen)).then(
        (next) => {
          // A failed identify must not leave the previous person's session in place.
          if (!next && gen === generation) dropUser();
          return next?.user ?? null;
        },
        () => null,
      );
      busy = work;
      return work;
    },
    reset,
    async request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
      const used = await ensureSession('session_expired');
      try {
        return await send<T>(method, path, body, used.token, signal);
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 401 && (error.code === 'session_expired' || error.code === 'unauthorized'))) {
          throw error;
        }
        if (session === used) session = { ...used, expiresAt: '' };
        const renewed = await ensureSession(error.code);
        return send<T>(method, path, body, renewed.token, signal);
      }
    },
    user: () => (load(), session?.user ?? null),
    known: () => (load(), !!(provider || session || storage.get(ANONYMOUS_KEY))),
  };
}
