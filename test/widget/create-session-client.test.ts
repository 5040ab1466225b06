import { ApiError } from '../../widget/src/api-error.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEmitter } from '../../widget/src/create-emitter.js';
import { createSessionClient, type StoredSession } from '../../widget/src/create-session-client.js';
import { createStorage } from '../../widget/src/create-storage.js';
import type { ReqioEventName, WidgetUser } from '../../widget/src/types.js';
import { createFakeApi, fail, settle } from './fake-api.js';

const NOW = new Date('2026-03-01T12:00:00Z');

function setUp(options: { stored?: Record<string, unknown> } = {}) {
  const api = createFakeApi().withSessions();
  api.answer('GET /requests?sort=top', () => ({ requests: [] }));
  const memory = new Map<string, string>(Object.entries(options.stored ?? {}).map(([key, value]) => [`reqio:prj_1:${key}`, JSON.stringify(value)]));
  const backend = {
    getItem: (key: string) => memory.get(key) ?? null,
    setItem: (key: string, value: string) => void memory.set(key, value),
    removeItem: (key: string) => void memory.delete(key),
  } as Storage;
  const storage = createStorage('prj_1', backend);
  const emitter = createEmitter();
  const events: { name: ReqioEventName; payload: unknown }[] = [];
  for (const name of ['identified', 'identity:error', 'reset'] as const) emitter.on(name, (payload) => void events.push({ name, payload }));
  const changes: (WidgetUser | null)[] = [];
  const client = createSessionClient({ send: api.send, storage, emit: emitter.emit, onChange: (user) => void changes.push(user) });
  const stored = (key: string) => JSON.parse(memory.get(`reqio:prj_1:${key}`) ?? 'null') as unknown;
  return { api, client, events, changes, stored, memory };
}

describe('createSessionClient', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  describe('anonymous', () => {
    it('starts a session only when a call needs one, with a new anonymous id kept in storage', async () => {
      const { api, client, stored } = setUp();
      expect(api.calls).toEqual([]);
      await client.request('GET', '/requests?sort=top');
      const anonymousId = stored('anonymousId') as string;
      expect(anonymousId).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(api.calls).toEqual([
        { method: 'POST', path: '/sessions', body: { anonymousId } },
        { method: 'GET', path: '/requests?sort=top', session: 'anon-1' },
      ]);
      expect(stored('session')).toMatchObject({ token: 'anon-1', user: null });
    });

    it('reuses its session while it lasts, and shares one renewal between concurrent calls', async () => {
      const { api, client } = setUp();
      await Promise.all([client.request('GET', '/requests?sort=top'), client.request('GET', '/requests?sort=top'), client.request('GET', '/requests?sort=top')]);
      await client.request('GET', '/requests?sort=top');
      expect(api.to('POST /sessions')).toHaveLength(1);
      expect(api.to('GET /requests?sort=top').map((call) => call.session)).toEqual(['anon-1', 'anon-1', 'anon-1', 'anon-1']);
    });

    it('picks up a stored anonymous session on the next page, but never a stored user session', async () => {
      const later = new Date(NOW.getTime() + 600_000).toISOString();
      const anonymous = setUp({ stored: { anonymousId: 'a'.repeat(22), session: { token: 'anon-old', expiresAt: later, user: null } satisfies StoredSession } });
      await anonymous.client.request('GET', '/requests?sort=top');
      expect(anonymous.api.calls).toEqual([{ method: 'GET', path: '/requests?sort=top', session: 'anon-old' }]);

      const user = { id: 'u1', email: 'a@b.test', name: null, plan: null, monthlyAmount: 0 };
      const previous = setUp({ stored: { session: { token: 'user-old', expiresAt: later, user } satisfies StoredSession } });
      expect(previous.client.user()).toBeNull();
      expect(previous.stored('session')).toBeNull();
      await previous.client.request('GET', '/requests?sort=top');
      expect(previous.api.calls.map((call) => call.session ?? call.path)).toEqual(['/sessions', 'anon-1']);
    });

    it('renews an ended session before calling, by the clock', async () => {
      const { api, client } = setUp();
      await client.request('GET', '/requests?sort=top');
      vi.setSystemTime(NOW.getTime() + 3_600_001);
      await client.request('GET', '/requests?sort=top');
      expect(api.to('GET /requests?sort=top').map((call) => call.session)).toEqual(['anon-1', 'anon-2']);
    });

    it.each(['session_expired', 'unauthorized'])('renews and retries once when a call answers 401 %s', async (code) => {
      const { api, client, events } = setUp();
      let answered = 0;
      api.answer('GET /requests?sort=top', () => {
        if ((answered += 1) === 1) throw fail(401, code);
        return { requests: ['ok'] };
      });
      await expect(client.request('GET', '/requests?sort=top')).resolves.toEqual({ requests: ['ok'] });
      expect(api.to('GET /requests?sort=top').map((call) => call.session)).toEqual(['anon-1', 'anon-2']);
      expect(events).toEqual([]);
    });

    it('retries only once, and passes other errors through untouched', async () => {
      const { api, client } = setUp();
      api.answer('GET /requests?sort=top', () => {
        throw fail(401, 'session_expired');
      });
      await expect(client.request('GET', '/requests?sort=top')).rejects.toMatchObject({ status: 401, code: 'session_expired' });
      expect(api.to('GET /requests?sort=top')).toHaveLength(2);

      api.answer('PUT /requests/r1/vote', () => {
        throw fail(403, 'identity_required');
      });
      await expect(client.request('PUT', '/requests/r1/vote')).rejects.toMatchObject({ status: 403, code: 'identity_required' });
      expect(api.to('PUT /requests/r1/vote')).toHaveLength(1);
    });
  });

  describe('identify(token)', () => {
    it('sends the token with the anonymous id, then acts for the user; the anonymous id is spent', async () => {
      const { api, client, events, changes, stored } = setUp();
      await client.request('GET', '/requests?sort=top');
      const anonymousId = stored('anonymousId');
      const user = await client.identify('token-u1');
      expect(user).toMatchObject({ id: 'u1' });
      expect(api.to('POST /identify')).toEqual([{ method: 'POST', path: '/identify', body: { token: 'token-u1', anonymousId } }]);
      expect(stored('anonymousId')).toBeNull();
      expect(events).toEqual([{ name: 'identified', payload: user }]);
      expect(changes).toEqual([user]);
      expect(client.user()).toEqual(user);
      await client.request('GET', '/requests?sort=top');
      expect(api.calls.at(-1)?.session).toBe('user-2');
      // The identity token itself is never stored.
      expect(JSON.stringify(stored('session'))).not.toContain('token-u1');
    });

    it('sends no anonymous id when the visitor never had one', async () => {
      const { api, client, stored } = setUp();
      await client.identify('token-u1');
      expect(api.to('POST /identify')[0]?.body).toEqual({ token: 'token-u1', anonymousId: undefined });
      expect(stored('anonymousId')).toBeNull();
    });

    it('warns with the audience the service expects when identify fails with audience_mismatch', async () => {
      const { api, client, events } = setUp();
      const expected = 'http://localhost:4100/p/prj_1';
      api.answer('POST /identify', () => {
        throw new ApiError(401, 'audience_mismatch', 'The token’s aud is not this project’s audience.', undefined, undefined, expected);
      });
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      await expect(client.identify('token-minted-for-3000')).resolves.toBeNull();
      expect(events).toEqual([{ name: 'identity:error', payload: { code: 'audience_mismatch' } }]);
      expect(warn.mock.calls).toEqual([
        [`[reqio] identify failed: audience_mismatch. This service expects the token's "aud" to be "${expected}": mint with that audience`],
      ]);
      expect(JSON.stringify(warn.mock.calls)).not.toContain('token-minted-for-3000');
      warn.mockRestore();
    });

    it('reports a refused token as identity:error with the API code, and stays anonymous', async () => {
      const { api, client, events, stored } = setUp();
      await client.request('GET', '/requests?sort=top');
      const anonymousId = stored('anonymousId');
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      await expect(client.identify('bad-token')).resolves.toBeNull();
      expect(events).toEqual([{ name: 'identity:error', payload: { code: 'signature_invalid' } }]);
      expect(warn).toHaveBeenCalledWith('[reqio] identify failed: signature_invalid');
      expect(JSON.stringify(warn.mock.calls)).not.toContain('bad-token');
      expect(stored('anonymousId')).toBe(anonymousId);
      await client.request('GET', '/requests?sort=top');
      expect(api.calls.at(-1)?.session).toBe('anon-1');
      warn.mockRestore();
    });

    it('does not leave the previous person signed in when a new token is refused', async () => {
      const { client, changes } = setUp();
      vi.spyOn(console, 'warn').mockImplementation(() => {});
      await client.identify('token-u1');
      await client.identify('bad-token');
      expect(client.user()).toBeNull();
      expect(changes.map((user) => user?.id ?? null)).toEqual(['u1', null]);
      vi.mocked(console.warn).mockRestore();
    });

    it('falls back to anonymous with identity:error when the session ends and there is no provider', async () => {
      const { api, client, events, changes } = setUp();
      await client.identify('token-u1');
      vi.setSystemTime(NOW.getTime() + 3_600_001);
      await client.request('GET', '/requests?sort=top');
      expect(events.map((event) => event.name)).toEqual(['identified', 'identity:error']);
      expect(events[1]?.payload).toEqual({ code: 'session_expired' });
      expect(client.user()).toBeNull();
      expect(changes.map((user) => user?.id ?? null)).toEqual(['u1', null]);
      expect(api.calls.map((call) => `${call.method} ${call.path}`)).toEqual(['POST /identify', 'POST /sessions', 'GET /requests?sort=top']);
    });

    it('lets the latest identify win when two overlap', async () => {
      const { api, client, events } = setUp();
      let release!: () => void;
      const slow = new Promise<void>((resolve) => (release = resolve));
      api.answer('POST /identify', async (call) => {
        const { token } = call.body as { token: string };
        if (token === 'token-first') await slow;
        return { session: `s-${token}`, expiresAt: new Date(Date.now() + 60_000).toISOString(), user: { id: token, email: null, plan: null, monthlyAmount: 0 }, warnings: [] };
      });
      const first = client.identify('token-first');
      const second = client.identify('token-second');
      // A call made meanwhile waits for the identity work instead of going anonymous.
      const call = client.request('GET', '/requests?sort=top');
      await second;
      release();
      expect(await first).toBeNull();
      await call;
      expect(client.user()?.id).toBe('token-second');
      expect(events.map((event) => (event.payload as { id: string }).id)).toEqual(['token-second']);
      expect(api.to('POST /sessions')).toEqual([]);
      expect(api.calls.at(-1)).toMatchObject({ path: '/requests?sort=top', session: 's-token-second' });
    });

    it('warns about a wrong argument and changes nothing', async () => {
      const { api, client, events } = setUp();
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      await expect(client.identify(42 as never)).resolves.toBeNull();
      expect(warn).toHaveBeenCalledWith('[reqio] identify() takes a token, a function that returns one, or null');
      expect(api.calls).toEqual([]);
      expect(events).toEqual([]);
      warn.mockRestore();
    });
  });

  describe('identify(provider)', () => {
    it('asks the provider now, and again when the session ends or a call answers 401', async () => {
      const { api, client, events } = setUp();
      let tokens = 0;
      const provider = vi.fn(async () => `token-u1#${(tokens += 1)}`);
      await client.identify(provider);
      expect(provider).toHaveBeenCalledTimes(1);

      vi.setSystemTime(NOW.getTime() + 3_600_001);
      await client.request('GET', '/requests?sort=top');
      expect(provider).toHaveBeenCalledTimes(2);

      let answered = 0;
      api.answer('GET /requests?sort=top', () => {
        if ((answered += 1) === 1) throw fail(401, 'session_expired');
        return { requests: [] };
      });
      await client.request('GET', '/requests?sort=top');
      expect(provider).toHaveBeenCalledTimes(3);
      expect(api.to('POST /identify').map((call) => (call.body as { token: string }).token)).toEqual(['token-u1#1', 'token-u1#2', 'token-u1#3']);
      expect(events.map((event) => event.name)).toEqual(['identified', 'identified', 'identified']);
      expect(api.to('POST /sessions')).toEqual([]);
    });

    it('trims what the provider answers and a token given directly, as the attribute is trimmed', async () => {
      const { api, client } = setUp();
      await client.identify(async () => ' token-u1\n');
      await client.identify('\ttoken-u2 ');
      expect(api.to('POST /identify').map((call) => (call.body as { token: string }).token)).toEqual(['token-u1', 'token-u2']);
    });

    it('goes anonymous with identity:error provider_failed when the provider throws', async () => {
      const { api, client, events } = setUp();
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      await expect(client.identify(() => Promise.reject(new Error('offline')))).resolves.toBeNull();
      expect(events).toEqual([{ name: 'identity:error', payload: { code: 'provider_failed' } }]);
      await client.request('GET', '/requests?sort=top');
      expect(api.calls.map((call) => call.path)).toEqual(['/sessions', '/requests?sort=top']);
      warn.mockRestore();
    });

    it('treats an empty answer as nobody signed in: anonymous, no error, the previous user dropped', async () => {
      const { client, events, changes } = setUp();
      await client.identify('token-u1');
      await expect(client.identify(() => null)).resolves.toBeNull();
      expect(client.user()).toBeNull();
      expect(events.map((event) => event.name)).toEqual(['identified']);
      expect(changes.map((user) => user?.id ?? null)).toEqual(['u1', null]);
    });
  });

  describe('reset() and identify(null)', () => {
    it.each([
      ['reset()', (client: ReturnType<typeof setUp>['client']) => client.reset()],
      ['identify(null)', (client: ReturnType<typeof setUp>['client']) => void client.identify(null)],
    ])('%s forgets the user, the session and the anonymous id', async (_, forget) => {
      const { api, client, events, stored } = setUp();
      await client.request('GET', '/requests?sort=top');
      const firstAnonymousId = stored('anonymousId');
      await client.identify(async () => 'token-u1');
      forget(client);
      expect(client.user()).toBeNull();
      expect(stored('session')).toBeNull();
      expect(stored('anonymousId')).toBeNull();
      expect(events.map((event) => event.name)).toEqual(['identified', 'reset']);
      await client.request('GET', '/requests?sort=top');
      const nextAnonymousId = stored('anonymousId');
      expect(nextAnonymousId).not.toBe(firstAnonymousId);
      expect(api.to('POST /sessions').map((call) => (call.body as { anonymousId: string }).anonymousId)).toEqual([firstAnonymousId, nextAnonymousId]);
      // The provider is forgotten too: the next session is anonymous, not a new identify.
      expect(api.to('POST /identify')).toHaveLength(1);
    });

    it('forgets the anonymous id of a visitor who never signed in', async () => {
      const { api, client, stored } = setUp();
      await client.request('GET', '/requests?sort=top');
      const firstAnonymousId = stored('anonymousId');
      client.reset();
      expect(stored('anonymousId')).toBeNull();
      await client.request('GET', '/requests?sort=top');
      expect(stored('anonymousId')).not.toBe(firstAnonymousId);
      expect(api.to('GET /requests?sort=top').map((call) => call.session)).toEqual(['anon-1', 'anon-2']);
    });

    it('discards identity work that was still running', async () => {
      const { api, client } = setUp();
      let release!: () => void;
      api.answer('POST /identify', async () => {
        await new Promise<void>((resolve) => (release = resolve));
        return { session: 'late', expiresAt: new Date(Date.now() + 60_000).toISOString(), user: { id: 'late', email: null, plan: null, monthlyAmount: 0 }, warnings: [] };
      });
      const pending = client.identify('token-late');
      await settle();
      client.reset();
      release();
      await pending;
      expect(client.user()).toBeNull();
    });
  });
});
