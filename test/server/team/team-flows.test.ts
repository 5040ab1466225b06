import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { issueResetLink } from '../../../server/src/team/issue-reset-link.js';
import { totpCodeAt } from '../../../server/src/team/two-factor/totp.js';
import { openTestDatabase, storeKinds } from '../../helpers/test-database.js';
import { OWNER, dashboardBrowser, invitedMember, linkTokenOf, signedInOwner, startDashboardApp, type DashboardBrowser } from '../dashboard/dashboard-browser.js';

type App = Awaited<ReturnType<typeof startDashboardApp>>;
const DAY = 24 * 3600_000;

// Only Date is faked: sockets keep real timers. Time is frozen at the start of the current
// minute, not at some date far away: PGlite's now() follows the faked clock and the
// sessions signed in before must stay valid.
const freeze = (): number => {
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
  return now;
};
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(storeKinds)('invites and roles on %s', (store) => {
  let app: App;
  let admin: DashboardBrowser;
  beforeAll(async () => {
    app = await startDashboardApp({ store });
    admin = await signedInOwner(app);
  });
  afterAll(() => app.close());
  afterEach(() => vi.useRealTimers());

  it('invites with a one-time link that works for 7 days, once, and keeps only its hash', async () => {
    const now = freeze();
    const invite = await admin.json('POST', '/dashboard/api/members/invites', { email: ' Ada@Example.com ', role: 'member' });
    expect(invite.status).toBe(201);
    expect(invite.body).toEqual({ link: expect.stringMatching(new RegExp(`^${app.url}/dashboard/invite#token=[A-Za-z0-9_-]{43}$`)), expiresAt: iso(now + 7 * DAY), emailed: false });
    const token = linkTokenOf(invite.body.link);
    const stored = JSON.stringify(await app.db.query('select * from member_links'));
    expect(stored).toContain('ada@example.com');
    expect(stored).not.toContain(token);

    const team = await admin.json('GET', '/dashboard/api/members');
    expect(team.body.invites).toEqual([{ email: 'ada@example.com', role: 'member', createdAt: iso(now), expiresAt: iso(now + 7 * DAY) }]);

    const browser = dashboardBrowser(app.url);
    await browser.session();
    expect((await browser.json('POST', '/dashboard/api/links/check', { token })).body).toEqual({ purpose: 'invite', email: 'ada@example.com' });
    const tampered = await browser.json('POST', '/dashboard/api/invites/accept', { token: `${token.slice(0, -2)}xx`, name: 'Ada', password: 'a long enough password' });
    expect(tampered.status).toBe(400);
    expect(tampered.body.error.code).toBe('link_invalid');

    vi.setSystemTime(now + 7 * DAY - 60_000);
    const accepted = await browser.json('POST', '/dashboard/api/invites/accept', { token, name: 'Ada Lovelace', password: 'a long enough password' });
    expect(accepted.status).toBe(201);
    expect(await browser.session()).toMatchObject({ state: 'signed_in', owner: { email: 'ada@example.com', name: 'Ada Lovelace', role: 'member' } });

    const again = dashboardBrowser(app.url);
    await again.session();
    const reused = await again.json('POST', '/dashboard/api/invites/accept', { token, name: 'Eve', password: 'another long password' });
    expect(reused.status).toBe(410);
    expect(reused.body.error).toMatchObject({ code: 'link_expired', reason: 'used', message: expect.stringContaining('used already') });
    expect((await again.json('POST', '/dashboard/api/links/check', { token })).status).toBe(410);
  });

  it('refuses an expired invite, changing nothing', async () => {
    freeze();
    const invite = await admin.json('POST', '/dashboard/api/members/invites', { email: 'late@example.com', role: 'admin' });
    vi.setSystemTime(new Date(Date.now() + 7 * DAY + 1000));
    const browser = dashboardBrowser(app.url);
    await browser.session();
    const before = await app.db.query('select id from owners');
    const late = await browser.json('POST', '/dashboard/api/invites/accept', { token: linkTokenOf(invite.body.link), name: 'Late', password: 'a long enough password' });
    expect(late.status).toBe(410);
    expect(late.body.error).toMatchObject({ code: 'link_expired', reason: 'expired' });
    expect(await app.db.query('select id from owners')).toEqual(before);
    expect((await browser.session()).state).toBe('signed_out');
  });

  it('refuses to invite an email that already has an account', async () => {
    const twice = await admin.json('POST', '/dashboard/api/members/invites', { email: OWNER.email, role: 'member' });
    expect(twice.status).toBe(409);
  });

  it('never lets the last admin go, and ends a removed member’s sessions', async () => {
    const { body } = await admin.json('GET', '/dashboard/api/members');
    const me = body.members.find((member: { email: string }) => member.email === OWNER.email);
    const demote = await admin.json('PATCH', `/dashboard/api/members/${me.id}`, { role: 'member' });
    expect(demote.status).toBe(409);
    expect(demote.body.error).toMatchObject({ code: 'conflict', reason: 'last_admin' });
    expect((await admin.json('DELETE', `/dashboard/api/members/${me.id}`)).body.error.reason).toBe('last_admin');

    const bob = await invitedMember(app, admin, { email: 'bob@example.com', password: 'bob has a long password', role: 'member' });
    const bobId = (await bob.session()).owner.id;
    const promoted = await admin.json('PATCH', `/dashboard/api/members/${bobId}`, { role: 'admin' });
    expect(promoted.body.member).toMatchObject({ email: 'bob@example.com', role: 'admin' });
    expect((await bob.session()).owner.role).toBe('admin');
    expect((await admin.json('PATCH', `/dashboard/api/members/${bobId}`, { role: 'member' })).status).toBe(200);

    expect((await bob.json('GET', '/dashboard/api/projects')).status).toBe(200);
    expect((await admin.json('DELETE', `/dashboard/api/members/${bobId}`)).status).toBe(204);
    expect((await bob.json('GET', '/dashboard/api/projects')).status).toBe(401);
    expect((await bob.session()).state).toBe('signed_out');
    expect((await admin.json('DELETE', `/dashboard/api/members/${bobId}`)).status).toBe(404);
  });
});

describe.each(storeKinds)('passwords on %s', (store) => {
  let app: App;
  beforeAll(async () => {
    app = await startDashboardApp({ store });
  });
  afterAll(() => app.close());
  afterEach(() => vi.useRealTimers());

  it('changes the password with the old one, ending the other sessions', async () => {
    const here = await signedInOwner(app);
    const elsewhere = await signedInOwner(app);
    const wrong = await here.json('POST', '/dashboard/api/account/password', { currentPassword: 'not the password', newPassword: 'a brand new passphrase' });
    expect(wrong.status).toBe(401);
    const changed = await here.json('POST', '/dashboard/api/account/password', { currentPassword: OWNER.password, newPassword: 'a brand new passphrase' });
    expect(changed.status).toBe(200);
    expect((await here.session()).state).toBe('signed_in');
    expect((await elsewhere.session()).state).toBe('signed_out');
    const browser = dashboardBrowser(app.url);
    await browser.session();
    expect((await browser.json('POST', '/dashboard/api/login', OWNER)).status).toBe(401);
    expect((await browser.json('POST', '/dashboard/api/login', { email: OWNER.email, password: 'a brand new passphrase' })).status).toBe(200);
    // Back to the password the other tests use.
    await browser.json('POST', '/dashboard/api/account/password', { currentPassword: 'a brand new passphrase', newPassword: OWNER.password });
  });

  it('resets a forgotten password with a one-time link that lasts 60 minutes, ending every session', async () => {
    const signedIn = await signedInOwner(app);
    const now = freeze();
    const late = await issueResetLink({ db: app.db, publicUrl: app.url }, OWNER.email);
    expect(late.expiresAt.toISOString()).toBe(iso(now + 3600_000));
    expect(late.link).toMatch(new RegExp(`^${app.url}/dashboard/reset-password#token=`));
    vi.setSystemTime(now + 3600_000 + 1000);
    const browser = dashboardBrowser(app.url);
    await browser.session();
    const expired = await browser.json('POST', '/dashboard/api/password/reset', { token: linkTokenOf(late.link), password: 'the reset passphrase' });
    expect(expired.status).toBe(410);
    expect(expired.body.error.reason).toBe('expired');

    const fresh = await issueResetLink({ db: app.db, publicUrl: app.url }, OWNER.email);
    expect((await browser.json('POST', '/dashboard/api/links/check', { token: linkTokenOf(fresh.link) })).body).toEqual({ purpose: 'reset', email: OWNER.email });
    // A reset link is not an invite.
    expect((await browser.json('POST', '/dashboard/api/invites/accept', { token: linkTokenOf(fresh.link), name: 'x', password: 'the reset passphrase' })).status).toBe(400);
    const reset = await browser.json('POST', '/dashboard/api/password/reset', { token: linkTokenOf(fresh.link), password: 'the reset passphrase' });
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ state: 'signed_out', email: OWNER.email });
    vi.useRealTimers();
    expect((await signedIn.session()).state).toBe('signed_out');
    expect((await browser.json('POST', '/dashboard/api/login', { email: OWNER.email, password: 'the reset passphrase' })).status).toBe(200);
    await browser.json('POST', '/dashboard/api/account/password', { currentPassword: 'the reset passphrase', newPassword: OWNER.password });
    const stranger = dashboardBrowser(app.url);
    await stranger.session();
    const reused = await stranger.json('POST', '/dashboard/api/password/reset', { token: linkTokenOf(fresh.link), password: 'yet another passphrase' });
    expect(reused.body.error).toMatchObject({ code: 'link_expired', reason: 'used' });
    await expect(issueResetLink({ db: app.db, publicUrl: app.url }, 'nobody@example.com')).rejects.toMatchObject({ code: 'not_found' });
  });
});

/** A browser whose requests come from `ip` (the app trusts X-Forwarded-For). */
const browserFrom = (url: string, ip: string): DashboardBrowser => {
  const browser = dashboardBrowser(url);
  const call = browser.call.bind(browser);
  browser.call = (method, path, body, options = {}) => call(method, path, body, { ...options, headers: { ...options.headers, 'x-forwarded-for': ip } });
  return browser;
};

describe('sign-in limits', () => {
  it('ten wrong passwords from one address do not block a correct sign-in from another (issue 13, finding 4)', async () => {
    const app = await startDashboardApp({ env: { REQIO_TRUST_PROXY: 'true' } });
    try {
      await signedInOwner(app);
      const from = (ip: string) => browserFrom(app.url, ip);
      const attacker = from('203.0.113.7');
      await attacker.session();
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 12; attempt += 1) statuses.push((await attacker.json('POST', '/dashboard/api/login', { email: OWNER.email, password: `guess ${attempt} of many` })).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 429, 429]);
      // Even the right password is refused from the guessing address while it is blocked…
      expect((await attacker.json('POST', '/dashboard/api/login', OWNER)).status).toBe(429);
      // …but the owner, from their own address, signs in.
      const owner = from('198.51.100.20');
      await owner.session();
      expect((await owner.json('POST', '/dashboard/api/login', OWNER)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

// Two instances on one Redis count one set of attempts. Runs where REDIS_URL is set (CI sets it).
describe.runIf(process.env.REDIS_URL)('sign-in limits on Redis', () => {
  it('counts wrong passwords on both instances against one limit', async () => {
    const db = await openTestDatabase('pglite');
    const shared = { db, redisUrl: process.env.REDIS_URL!, rateLimitKeyPrefix: `reqio-test:${randomBytes(4).toString('hex')}`, env: { REQIO_TRUST_PROXY: 'true' } };
    const first = await startDashboardApp(shared);
    const second = await startDashboardApp(shared);
    try {
      await signedInOwner(first);
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 11; attempt += 1) {
        const browser = browserFrom(attempt % 2 === 0 ? first.url : second.url, '203.0.113.9');
        await browser.session();
        statuses.push((await browser.json('POST', '/dashboard/api/login', { email: OWNER.email, password: `guess ${attempt}` })).status);
      }
      expect(statuses).toEqual([...Array(10).fill(401), 429]);
    } finally {
      await first.close();
      await second.close();
      await db.close();
    }
  });
});
