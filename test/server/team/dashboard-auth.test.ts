import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardBrowser, OWNER, setupTokenOf, startDashboardApp, stepUp } from '../dashboard/dashboard-browser.js';

type App = Awaited<ReturnType<typeof startDashboardApp>>;

describe('first run and sign-in', () => {
  let app: App;
  const logLines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({ write: (chunk, _encoding, done) => void (logLines.push(String(chunk)), done()) });
    app = await startDashboardApp({ logger: pino({ level: 'debug' }, sink), dashboard: { passwordAttempts: { perAccount: 3, perIp: 1000 } } });
  });
  afterAll(() => app.close());

  let setupToken = '';

  it('says set-up is required and hands out a CSRF token bound to an httpOnly browser cookie', async () => {
    const browser = dashboardBrowser(app.url);
    const response = await browser.call('GET', '/dashboard/api/session');
    const body = await response.json();
    expect(body).toMatchObject({ state: 'setup_required', owner: null, csrfToken: expect.any(String), minPasswordLength: 12 });
    expect(response.headers.get('cache-control')).toBe('no-store');
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('reqio_browser='));
    expect(cookie).toMatch(/; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
  });

  it('issues a one-time link whose token rides in the fragment', async () => {
    const link = await app.dashboard.issueSetupLink();
    expect(link!.url).toMatch(new RegExp(`^${app.url}/dashboard/setup#token=[A-Za-z0-9_-]{43}$`));
    expect(link!.expiresAt.getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
    setupToken = setupTokenOf(link!.url);
  });

  it('refuses set-up without the CSRF token, and with a short password', async () => {
    const browser = dashboardBrowser(app.url);
    await browser.session();
    const noCsrf = await browser.json('POST', '/dashboard/api/setup', { token: setupToken, ...OWNER }, { csrf: false });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error).toMatchObject({ code: 'forbidden', reason: 'csrf_token_invalid' });
    const short = await browser.json('POST', '/dashboard/api/setup', { token: setupToken, email: OWNER.email, password: 'short pass' });
    expect(short.status).toBe(400);
    expect(short.body.error).toMatchObject({ code: 'validation_failed', fields: { password: 'must be at least 12 characters' } });
  });

  it('refuses a CSRF token from another browser', async () => {
    const mine = dashboardBrowser(app.url);
    const theirs = dashboardBrowser(app.url);
    await mine.session();
    const { csrfToken } = await theirs.session();
    const answer = await mine.json('POST', '/dashboard/api/setup/check', { token: setupToken }, { csrf: csrfToken });
    expect(answer.body.error?.reason).toBe('csrf_token_invalid');
  });

  it('creates the owner once, signs them in with an httpOnly Lax cookie, and spends the link', async () => {
    const browser = dashboardBrowser(app.url);
    await browser.session();
    expect((await browser.json('POST', '/dashboard/api/setup/check', { token: setupToken })).body).toEqual({ usable: true });
    const setup = await browser.json('POST', '/dashboard/api/setup', { token: setupToken, email: ' Owner@Example.com ', password: OWNER.password });
    expect(setup.status).toBe(201);
    expect(setup.body.owner).toEqual({ id: expect.stringMatching(/^own_/), email: OWNER.email });
    const cookie = setup.response.headers.getSetCookie().find((line) => line.startsWith('reqio_session='));
    expect(cookie).toMatch(/^reqio_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=43200; HttpOnly; SameSite=Lax$/);
    expect(await browser.session()).toMatchObject({ state: 'signed_in', owner: { email: OWNER.email } });

    const again = dashboardBrowser(app.url);
    await again.session();
    expect((await again.json('POST', '/dashboard/api/setup/check', { token: setupToken })).body).toEqual({ usable: false });
    const reuse = await again.json('POST', '/dashboard/api/setup', { token: setupToken, email: 'intruder@example.com', password: 'another long password' });
    expect(reuse.status).toBe(403);
    expect(reuse.body.error.reason).toBe('setup_link_invalid');
    expect(await app.dashboard.issueSetupLink()).toBeUndefined();
    expect(await again.session()).toMatchObject({ state: 'signed_out' });
  });

  it('signs in with the password only, the same answer for an unknown email', async () => {
    const browser = dashboardBrowser(app.url);
    await browser.session();
    const wrong = await browser.json('POST', '/dashboard/api/login', { email: OWNER.email, password: 'not the password at all' });
    const unknown = await browser.json('POST', '/dashboard/api/login', { email: 'nobody@example.com', password: OWNER.password });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toEqual({ code: 'unauthorized', reason: 'credentials_invalid', message: 'The email or password is not right.' });
    expect(unknown.body).toEqual(wrong.body);
    const right = await browser.json('POST', '/dashboard/api/login', OWNER);
    expect(right.status).toBe(200);
    expect(right.body.owner.email).toBe(OWNER.email);
  });

  it('rate-limits password guesses per account, with Retry-After', async () => {
    const browser = dashboardBrowser(app.url);
    await browser.session();
    const email = 'limited@example.com';
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) statuses.push((await browser.json('POST', '/dashboard/api/login', { email, password: 'guess number one' })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await browser.call('POST', '/dashboard/api/login', { email, password: 'guess number one' });
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await limited.json()) as any).error.code).toBe('rate_limited');
  });

  it('logs out with the CSRF token only, and the old cookie no longer works', async () => {
    const browser = dashboardBrowser(app.url);
    await browser.session();
    await browser.json('POST', '/dashboard/api/login', OWNER);
    const sessionCookie = browser.cookies.get('reqio_session')!;
    const forged = await browser.json('POST', '/dashboard/api/logout', undefined, { csrf: 'forged' });
    expect(forged.status).toBe(403);
    expect((await browser.session()).state).toBe('signed_in');
    const out = await browser.json('POST', '/dashboard/api/logout');
    expect(out.status).toBe(200);
    expect(browser.cookies.has('reqio_session')).toBe(false);
    const replay = await fetch(`${app.url}/dashboard/api/projects`, { headers: { cookie: `reqio_session=${sessionCookie}` } });
    expect(replay.status).toBe(401);
  });

  it('refuses changes from another origin even with the right token', async () => {
    const browser = dashboardBrowser(app.url);
    await browser.session();
    await browser.json('POST', '/dashboard/api/login', OWNER);
    await stepUp(browser);
    const evil = await browser.call('POST', '/dashboard/api/projects', { name: 'Evil' }, { headers: { origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
    expect(((await evil.json()) as { error: { reason: string } }).error.reason).toBe('csrf_token_invalid');
    const fetchMetadata = await browser.call('POST', '/dashboard/api/projects', { name: 'Evil' }, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(((await fetchMetadata.json()) as { error: { reason: string } }).error.reason).toBe('csrf_token_invalid');
    // The step-up was not spent by the refused calls: the same-origin change goes through.
    const sameSite = await browser.json('POST', '/dashboard/api/projects', { name: 'Fine' });
    expect(sameSite.status).toBe(201);
  });

  it('never writes the set-up token or a password to the log', () => {
    const log = logLines.join('');
    expect(log).toContain('first owner created');
    expect(log).not.toContain(setupToken);
    expect(log).not.toContain(OWNER.password);
    expect(log).not.toContain('guess number one');
  });
});

describe('links and cookies', () => {
  it('refuses an expired link', async () => {
    const app = await startDashboardApp({ dashboard: { setupLinkTtlSeconds: -60 } });
    try {
      const link = await app.dashboard.issueSetupLink();
      const browser = dashboardBrowser(app.url);
      await browser.session();
      const setup = await browser.json('POST', '/dashboard/api/setup', { token: setupTokenOf(link!.url), ...OWNER });
      expect(setup.status).toBe(403);
      expect(setup.body.error.reason).toBe('setup_link_invalid');
    } finally {
      await app.close();
    }
  });

  it('makes the cookies Secure and __Host- under https', async () => {
    const app = await startDashboardApp({ env: { PUBLIC_URL: 'https://feedback.example.com' } });
    try {
      const link = await app.dashboard.issueSetupLink();
      expect(link!.url).toMatch(/^https:\/\/feedback\.example\.com\/dashboard\/setup#token=/);
      const browser = dashboardBrowser(app.url);
      const response = await browser.call('GET', '/dashboard/api/session');
      expect(response.headers.getSetCookie()[0]).toMatch(/^__Host-reqio_browser=.*; Path=\/; .*HttpOnly; SameSite=Lax; Secure$/);
      const { csrfToken } = await response.json();
      browser.csrfToken = csrfToken;
      const setup = await browser.call('POST', '/dashboard/api/setup', { token: setupTokenOf(link!.url), ...OWNER }, { headers: { origin: 'https://feedback.example.com' } });
      expect(setup.status).toBe(201);
      expect(setup.headers.getSetCookie()[0]).toMatch(/^__Host-reqio_session=.*; HttpOnly; SameSite=Lax; Secure$/);
    } finally {
      await app.close();
    }
  });

  it('answers 404 JSON for an unknown dashboard API path', async () => {
    const app = await startDashboardApp();
    try {
      const response = await fetch(`${app.url}/dashboard/api/nothing-here`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as any).error.code).toBe('not_found');
    } finally {
      await app.close();
    }
  });
});
