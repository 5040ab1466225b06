import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';
import { storeKinds } from '../../helpers/test-database.js';
import { claims, signRaw } from '../../helpers/tokens.js';
import { identifyAs, identifyWithToken, widgetClient } from '../../helpers/widget-client.js';

describe.each(storeKinds)('identify on %s', (store) => {
  let app: TestApp;
  let logs = '';
  beforeAll(async () => {
    // Capture every log line to prove no token or secret reaches one.
    const logger = pino({ level: 'debug' }, new Writable({ write: (chunk, _encoding, done) => ((logs += String(chunk)), done()) }));
    app = await startTestApp({ store, allowedOrigins: ['https://app.customer.example'], logger });
  });
  afterAll(() => app.close());
  afterEach(() => vi.useRealTimers());

  const post = (token: string, projectId = app.project.id, origin = 'https://app.customer.example') =>
    fetch(`${app.url}/v1/projects/${projectId}/identify`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ token }) });

  it('answers the session, the user and no warnings', async () => {
    const token = await app.mint({ sub: 'alice', email: 'alice@example.com', traits: { plan: 'pro', amount: 120000, interval: 'year' } });
    const response = await post(token);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({
      session: expect.any(String),
      expiresAt: expect.any(String),
      user: { id: 'alice', email: 'alice@example.com', name: null, plan: 'pro', monthlyAmount: 10000 },
      company: null,
      warnings: [],
    });
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(3500_000);
  });

  it("answers the user's company, and warns about a currency the project has no rate for", async () => {
    const token = await app.mint({
      sub: 'bob',
      email: 'root@localhost',
      traits: { amount: 5000, currency: 'JPY' },
      company: { id: 9001, name: 'Acme', plan: 'business', amount: 120000, interval: 'year', currency: 'EUR' },
    });
    const body = await (await post(token)).json();
    expect(body.user).toEqual({ id: 'bob', email: 'root@localhost', name: null, plan: null, monthlyAmount: 0 });
    expect(body.company).toEqual({ id: '9001', name: 'Acme', plan: 'business', monthlyAmount: 0 });
    expect(body.warnings).toEqual([
      expect.objectContaining({ code: 'currency_unknown', fields: ['company.currency'] }),
      expect.objectContaining({ code: 'currency_unknown', fields: ['traits.currency'] }),
    ]);
    expect(body.warnings[0].message).toContain('EUR');
  });

  it('drops a bad email with email_invalid and identifies the user', async () => {
    const token = signRaw({ alg: 'HS256' }, claims({ aud: app.project.audience, sub: 'carol', email: 'carol at home' }), app.project.secret);
    const body = await (await post(token)).json();
    expect(body.user).toMatchObject({ id: 'carol', email: null });
    expect(body.warnings).toEqual([expect.objectContaining({ code: 'email_invalid', fields: ['email'] })]);
  });

  it.each([
    ['signature_invalid', () => signRaw({ alg: 'HS256' }, claims({ aud: app.project.audience }), 'rq_sk_' + 'z'.repeat(43))],
    ['audience_mismatch', () => signRaw({ alg: 'HS256' }, claims({ aud: 'https://elsewhere/p/x' }), app.project.secret)],
    ['token_expired', () => signRaw({ alg: 'HS256' }, claims({ aud: app.project.audience, iat: 1_700_000_000, exp: 1_700_000_300 }), app.project.secret)],
    ['algorithm_not_allowed', () => signRaw({ alg: 'none' }, claims({ aud: app.project.audience }), app.project.secret)],
    ['token_malformed', () => 'not-a-token'],
    ['claims_invalid', () => signRaw({ alg: 'HS256' }, claims({ aud: app.project.audience, sub: '' }), app.project.secret)],
  ])('answers 401 %s', async (code, makeToken) => {
    const response = await post(makeToken());
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe(code);
  });

  it('names the audience it expects on audience_mismatch (never a secret), for the widget to warn with', async () => {
    const response = await post(signRaw({ alg: 'HS256' }, claims({ aud: 'http://localhost:3000/p/x' }), app.project.secret));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: 'audience_mismatch', message: `The token's aud is not this project's audience (${app.project.audience}).`, claim: 'aud', expectedAudience: app.project.audience },
    });
    const other = await (await post(signRaw({ alg: 'HS256' }, claims({ aud: app.project.audience }), 'rq_sk_' + 'z'.repeat(43)))).json();
    expect(other.error).not.toHaveProperty('expectedAudience');
  });

  it('answers 401 project_not_found for an unknown project (every identify failure is a 401)', async () => {
    const response = await post(await app.mint({ sub: 'x' }), 'prj_doesnotexist');
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('project_not_found');
  });

  it('keeps a log of refused identifies for the dashboard: code, origin, time, never the token', async () => {
    const { failures, counts } = await (await app.admin('/identify-failures')).json();
    expect(counts).toMatchObject({ signature_invalid: 2, audience_mismatch: 2, token_expired: 1, token_malformed: 1 });
    expect(failures[0]).toEqual({ code: expect.any(String), origin: 'https://app.customer.example', at: expect.any(String), expectedAudience: null, receivedAudience: null });
    expect(JSON.stringify(failures)).not.toContain('ey');
    // A mismatch says which audience was expected and which one came.
    expect(failures.filter((failure: { code: string }) => failure.code === 'audience_mismatch')).toEqual([
      expect.objectContaining({ expectedAudience: app.project.audience, receivedAudience: 'http://localhost:3000/p/x' }),
      expect.objectContaining({ expectedAudience: app.project.audience, receivedAudience: 'https://elsewhere/p/x' }),
    ]);
  });

  it('accepts a token signed with the previous secret during the grace period only', async () => {
    const oldSecret = app.project.secret;
    const rotated = await (await app.admin('/secrets', { method: 'POST', body: JSON.stringify({ gracePeriodSeconds: 3600 }) })).json();
    expect(rotated.secret).toMatch(/^rq_sk_[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(rotated.previousValidUntil) - Date.now()).toBeGreaterThan(3500_000);
    const oldToken = signRaw({ alg: 'HS256' }, claims({ aud: app.project.audience, sub: 'rot' }), oldSecret);
    const newToken = signRaw({ alg: 'HS256' }, claims({ aud: app.project.audience, sub: 'rot' }), rotated.secret);
    expect((await post(oldToken)).status).toBe(200);
    expect((await post(newToken)).status).toBe(200);
    const session = (await identifyWithToken(app, newToken)).session;

    // Ending the grace now stops the old secret and every session.
    expect(await (await app.admin('/secrets/previous', { method: 'DELETE' })).json()).toEqual({ ended: true });
    expect((await (await post(oldToken)).json()).error.code).toBe('signature_invalid');
    expect((await post(newToken)).status).toBe(200);
    const revoked = await widgetClient(app, session).json('GET', '/requests');
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('session_expired');
    app.project.secret = rotated.secret;
  });

  it('rotation with no grace refuses the old secret and ends sessions at once', async () => {
    const before = await identifyAs(app, { sub: 'no-grace' });
    const oldToken = await app.mint({ sub: 'no-grace' });
    const rotated = await (await app.admin('/secrets', { method: 'POST', body: JSON.stringify({ gracePeriodSeconds: 0 }) })).json();
    expect(rotated.previousValidUntil).toBeNull();
    expect((await (await post(oldToken)).json()).error.code).toBe('signature_invalid');
    expect((await before.json('GET', '/requests')).body.error.code).toBe('session_expired');
    app.project.secret = rotated.secret;
    expect((await post(await app.mint({ sub: 'no-grace' }))).status).toBe(200);
  });

  it('accepts the extra audiences a project lists (migrating from Reqio)', async () => {
    const patched = await app.admin('', { method: 'PATCH', body: JSON.stringify({ extraAudiences: [`https://reqio.app/p/${app.project.id}`] }) });
    expect(patched.status).toBe(200);
    const token = signRaw({ alg: 'HS256', typ: 'JWT' }, claims({ aud: `https://reqio.app/p/${app.project.id}` }), app.project.secret);
    expect((await post(token)).status).toBe(200);
  });

  it("honours the project's leeway", async () => {
    const iat = Math.floor(Date.now() / 1000) - 400;
    const token = signRaw({ alg: 'HS256' }, claims({ aud: app.project.audience, iat, exp: iat + 300 + 60 }), app.project.secret); // expired 40 s ago
    expect((await (await post(token)).json()).error.code).toBe('token_lifetime_too_long');
    const late = signRaw({ alg: 'HS256' }, claims({ aud: app.project.audience, iat: iat + 100, exp: iat + 360 }), app.project.secret); // expired 40 s ago
    expect((await (await post(late)).json()).error.code).toBe('token_expired');
    await app.admin('', { method: 'PATCH', body: JSON.stringify({ leewaySeconds: 60 }) });
    expect((await post(late)).status).toBe(200);
    const badLeeway = await app.admin('', { method: 'PATCH', body: JSON.stringify({ leewaySeconds: 500 }) });
    expect(badLeeway.status).toBe(400);
    expect((await badLeeway.json()).error.fields).toEqual({ leewaySeconds: 'must be at most 120' });
  });

  it('never wrote a token, a session, a secret or an API key to the log', async () => {
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
    expect(logs).not.toContain('rq_sk_');
    expect(logs).not.toContain('rq_ak_');
    expect(logs).toContain('identify refused');
  });
});
