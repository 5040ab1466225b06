import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyIdentityToken } from '@reqio/server';
import { createTokenHandler, reqioToken } from '@reqio/server/mint';
import { listen } from '../../helpers/listen.js';
import { AUDIENCE, SECRET } from '../../helpers/tokens.js';

type User = { id: number; email: string; plan: string; cents: number };
const users: Record<string, User> = { alice: { id: 7, email: 'alice@example.com', plan: 'pro', cents: 120000 } };
const getUser = (request: express.Request) => {
  const user = users[request.get('x-user') ?? ''];
  return user && { sub: String(user.id), email: user.email, traits: { plan: user.plan, amount: user.cents, interval: 'year' as const } };
};

let base: string;
let close: () => Promise<void>;
beforeAll(async () => {
  const app = express();
  app.get('/page', reqioToken({ secret: SECRET, audience: AUDIENCE, getUser }), (_req, res) => {
    res.json({ token: res.locals.reqioToken ?? null });
  });
  app.get('/reqio-token', createTokenHandler({ secret: SECRET, audience: AUDIENCE, getUser }));
  app.get(
    '/broken',
    reqioToken({ secret: SECRET, audience: AUDIENCE, getUser: () => ({ sub: 'u', traits: { amount: 99.99 } }) }),
    (_req, res) => res.json({ reached: true }),
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

  it('sets nothing when nobody is signed in', async () => {
    expect(await (await fetch(`${base}/page`)).json()).toEqual({ token: null });
  });

  it('passes a bad claim to the error handler instead of rendering', async () => {
    const response = await fetch(`${base}/broken`);
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: string }).error).toContain('claims.traits.amount');
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

  it('checks its options when built', () => {
    expect(() => createTokenHandler({ secret: SECRET, audience: '', getUser })).toThrow('createTokenHandler: options.audience is required');
  });
});
