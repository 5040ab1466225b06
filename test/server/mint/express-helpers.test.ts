import express from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyIdentityToken } from '@reqio/server';
import { createTokenHandler, reqioToken, toAmount } from '@reqio/server/mint';
import { listen } from '../../helpers/listen.js';
import { AUDIENCE, SECRET } from '../../helpers/tokens.js';

type User = { id: number; email: string; plan: string; cents: number };
const users: Record<string, User> = { alice: { id: 7, email: 'alice@example.com', plan: 'pro', cents: 120000 } };
const getUser = (request: express.Request) => {
  const user = users[request.get('x-user') ?? ''];
  return user && { sub: String(user.id), email: user.email, traits: { plan: user.plan, amount: user.cents, interval: 'year' as const } };
};

/** A user whose amount comes from the database as node-postgres returns a NUMERIC: a string. */
const fromDatabase = (request: express.Request) =>
  request.get('x-user') ? { sub: request.get('x-user')!, traits: { plan: 'pro', amount: request.get('x-amount') as unknown as number } } : null;
const reported: Error[] = [];
const onError = (error: Error) => void reported.push(error);

let base: string;
let close: () => Promise<void>;
beforeAll(async () => {
  const app = express();
  app.get('/page', reqioToken({ secret: SECRET, audience: AUDIENCE, getUser }), (_req, res) => {
    res.json({ token: res.locals.reqioToken ?? null });
  });
  app.get('/reqio-token', createTokenHandler({ secret: SECRET, audience: AUDIENCE, getUser }));
  app.get('/db-page', reqioToken({ secret: SECRET, audience: AUDIENCE, getUser: fromDatabase, onError }), (_req, res) => {
    res.json({ token: res.locals.reqioToken });
  });
  app.get('/db-token', createTokenHandler({ secret: SECRET, audience: AUDIENCE, getUser: fromDatabase, onError }));
  app.get(
    '/db-converted',
    reqioToken({ secret: SECRET, audience: AUDIENCE, onError, getUser: (request: express.Request) => ({ sub: 'u1', traits: { amount: toAmount(request.get('x-amount')) } }) }),
    (_req, res) => res.json({ token: res.locals.reqioToken }),
  );
  app.get(
    '/throwing',
    reqioToken({ secret: SECRET, audience: AUDIENCE, onError, getUser: () => { throw new Error('session store is down'); } }),
    (_req, res) => res.json({ token: res.locals.reqioToken }),
  );
  app.use((error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(500).json({ error: error.message });
  });
  ({ url: base, close } = await listen(app));
});
afterAll(() => close());

describe('reqioToken middleware', () => {
  it('puts a verifiable token on res.locals for a signed-in user', async () => {
    const { token } = (await (await fetch(`${base}/page`, { headers: { 'x-user': 'alice' } })).json()) as { token: string };
    await expect(verifyIdentityToken(token, { secrets: SECRET, audience: AUDIENCE })).resolves.toMatchObject({ sub: '7', monthlyAmount: 10000 });
  });

  it("sets '' when nobody is signed in, so a template can print it as it is", async () => {
    expect(await (await fetch(`${base}/page`)).json()).toEqual({ token: '' });
  });

  it("renders the page with '' for a user whose claims are bad, and reports the cause once", async () => {
    reported.length = 0;
    for (const user of ['u1', 'u2', 'u3']) {
      const response = await fetch(`${base}/db-page`, { headers: { 'x-user': user, 'x-amount': '4900' } });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ token: '' });
    }
    expect(reported.map((error) => [error.name, error.message])).toEqual([
      ['TypeError', 'mintIdentityToken: claims.traits.amount must be a number of cents (convert a database value with toAmount())'],
    ]);
  });

  it('converts a database string with toAmount, and refuses one in dollars', async () => {
    reported.length = 0;
    const { token } = (await (await fetch(`${base}/db-converted`, { headers: { 'x-amount': '4900' } })).json()) as { token: string };
    await expect(verifyIdentityToken(token, { secrets: SECRET, audience: AUDIENCE })).resolves.toMatchObject({ monthlyAmount: 4900 });
    expect(await (await fetch(`${base}/db-converted`, { headers: { 'x-amount': '49.99' } })).json()).toEqual({ token: '' });
    expect(reported.map((error) => error.message)).toEqual(['toAmount: "49.99" is not a whole number of cents (send 4900 or "4900" for $49.00, not 49.99)']);
  });

  it('goes on when getUser itself throws', async () => {
    reported.length = 0;
    const response = await fetch(`${base}/throwing`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ token: '' });
    expect(reported.map((error) => error.message)).toEqual(['session store is down']);
  });

  it('warns in the console by default, naming the field and never the secret', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const middleware = reqioToken({ secret: SECRET, audience: AUDIENCE, getUser: () => ({ sub: 'u', traits: { amount: 99.99 } }) });
      const response = { locals: {} as Record<string, unknown>, status: () => response, set: () => response, json: () => undefined, end: () => undefined };
      const next = vi.fn();
      await middleware({}, response, next);
      await middleware({}, response, next);
      expect(next).toHaveBeenCalledTimes(2);
      expect(next).toHaveBeenCalledWith();
      expect(response.locals.reqioToken).toBe('');
      expect(warn.mock.calls).toEqual([
        ['[reqio] no identity token for this request: mintIdentityToken: claims.traits.amount must be an integer number of cents (send 9999, not 99.99)'],
      ]);
      expect(JSON.stringify(warn.mock.calls)).not.toContain(SECRET);
    } finally {
      warn.mockRestore();
    }
  });

  it('checks its options when built', () => {
    expect(() => reqioToken({ secret: 'short', audience: AUDIENCE, getUser })).toThrow('reqioToken: options.secret must be at least 32 bytes');
    expect(() => reqioToken({ secret: SECRET, audience: AUDIENCE } as never)).toThrow('reqioToken: options.getUser must be a function');
  });
});

describe('createTokenHandler', () => {
  it('answers a fresh token, never cached', async () => {
    const response = await fetch(`${base}/reqio-token`, { headers: { 'x-user': 'alice' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { token: string; expiresAt: string };
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(290_000);
    await expect(verifyIdentityToken(body.token, { secrets: SECRET, audience: AUDIENCE })).resolves.toMatchObject({ sub: '7', email: 'alice@example.com' });
  });

  it('answers 401 JSON when nobody is signed in', async () => {
    const response = await fetch(`${base}/reqio-token`);
    expect(response.status).toBe(401);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('answers 204 with no body for a user whose claims are bad, and reports once', async () => {
    reported.length = 0;
    for (const user of ['u1', 'u2']) {
      const response = await fetch(`${base}/db-token`, { headers: { 'x-user': user, 'x-amount': '12.5' } });
      expect(response.status).toBe(204);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).toBe('');
    }
    expect(reported).toHaveLength(1);
    expect(reported[0]!.message).toContain('claims.traits.amount');
  });

  it('checks its options when built', () => {
    expect(() => createTokenHandler({ secret: SECRET, audience: '', getUser })).toThrow('createTokenHandler: options.audience is required');
  });
});
