import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { totpCodeAt } from '../../../server/src/team/two-factor/totp.js';
import { storeKinds } from '../../helpers/test-database.js';
import { OWNER, dashboardBrowser, invitedMember, signedInOwner, startDashboardApp, stepUp, type DashboardBrowser } from '../dashboard/dashboard-browser.js';

type App = Awaited<ReturnType<typeof startDashboardApp>>;

// Date alone is faked, at the start of the current 30-second step: PGlite's now() follows it.
const freeze = (): number => {
  const now = Math.floor(Date.now() / 30_000) * 30_000;
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
  return now;
};

async function signIn(app: App, code?: string) {
  const browser = dashboardBrowser(app.url);
  await browser.session();
  const first = await browser.json('POST', '/dashboard/api/login', OWNER);
  if (code === undefined) return { browser, first };
  const second = await browser.json('POST', '/dashboard/api/login/two-factor', { code });
  return { browser, first, second };
}

describe.each(storeKinds)('two-factor sign-in on %s', (store) => {
  let app: App;
  let owner: DashboardBrowser;
  let key = '';
  let recoveryCodes: string[] = [];
  beforeAll(async () => {
    app = await startDashboardApp({ store });
    owner = await signedInOwner(app);
  });
  afterAll(() => app.close());
  afterEach(() => vi.useRealTimers());

  it('sets up with a locally rendered QR code and a confirmation code, and gives 10 recovery codes stored hashed', async () => {
    const now = freeze();
    const setup = await owner.json('POST', '/dashboard/api/account/two-factor/setup');
    expect(setup.status).toBe(200);
    key = setup.body.key;
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Reqio:owner%40example\.com\?issuer=Reqio&secret=[A-Z2-7]{32}&algorithm=SHA1&digits=6&period=30$/);
    expect(setup.body.qrSvg).toMatch(/^<svg[^>]*viewBox/);
    expect(setup.body.qrSvg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    expect(JSON.stringify(await app.db.query('select totp_secret from owners'))).not.toContain(key);

    const wrong = await owner.json('POST', '/dashboard/api/account/two-factor/confirm', { code: totpCodeAt(key, now + 10 * 60_000) });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.reason).toBe('two_factor_code_invalid');
    const confirmed = await owner.json('POST', '/dashboard/api/account/two-factor/confirm', { code: totpCodeAt(key, now) });
    expect(confirmed.status).toBe(200);
    recoveryCodes = confirmed.body.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const stored = JSON.stringify(await app.db.query('select * from owner_recovery_codes'));
    for (const code of recoveryCodes) expect(stored).not.toContain(code);
    expect((await owner.session()).owner.twoFactorEnabled).toBe(true);
    expect((await owner.json('POST', '/dashboard/api/account/two-factor/setup')).status).toBe(409);
  });

  it('signs in with the password and then a code, never twice with the same code', async () => {
    const now = freeze();
    // The code that confirmed the set-up belongs to this time step: it is spent.
    const replayed = await signIn(app, totpCodeAt(key, now));
    expect(replayed.first.body.state).toBe('two_factor_required');
    expect(replayed.second!.status).toBe(401);
    expect(replayed.second!.body.error.reason).toBe('two_factor_code_invalid');
    // Half signed in is not signed in.
    expect((await replayed.browser.session()).state).toBe('two_factor_required');
    expect((await replayed.browser.json('GET', '/dashboard/api/projects')).status).toBe(401);
    expect((await replayed.browser.call('GET', `/v1/admin/projects/${app.project.id}/requests`)).status).toBe(401);

    vi.setSystemTime(now + 30_000);
    const next = await signIn(app, totpCodeAt(key, now + 30_000));
    expect(next.second!.status).toBe(200);
    expect((await next.browser.session()).state).toBe('signed_in');
    expect((await next.browser.json('GET', '/dashboard/api/projects')).status).toBe(200);

    // The same code from another browser within its 30 seconds: refused.
    const again = await signIn(app, totpCodeAt(key, now + 30_000));
    expect(again.second!.status).toBe(401);
    // A code from a step already passed: refused too.
    vi.setSystemTime(now + 60_000);
    expect((await signIn(app, totpCodeAt(key, now))).second!.status).toBe(401);
  });

  it('signs in with a recovery code once', async () => {
    const code = recoveryCodes[0]!;
    const first = await signIn(app, code.toUpperCase());
    expect(first.second!.status).toBe(200);
    const reused = await signIn(app, code);
    expect(reused.second!.status).toBe(401);
    expect((await signIn(app, 'abcde-fghjk')).second!.status).toBe(401);
  });

  it('asks for the code too when stepping up, and turns off with the password and a code', async () => {
    const now = freeze();
    const { browser } = await signIn(app, recoveryCodes[1]!);
    const noCode = await browser.json('POST', '/dashboard/api/step-up', { password: OWNER.password });
    expect(noCode.status).toBe(401);
    expect(noCode.body.error.reason).toBe('two_factor_code_invalid');
    await stepUp(browser, { password: OWNER.password, code: recoveryCodes[2]! });
    expect((await browser.json('POST', `/dashboard/api/projects/${app.project.id}/secret/reveal`)).body.secret).toMatch(/^rq_sk_/);

    vi.setSystemTime(now + 5 * 60_000);
    const wrongPassword = await browser.json('POST', '/dashboard/api/account/two-factor/disable', { password: 'not the password', code: totpCodeAt(key, now + 5 * 60_000) });
    expect(wrongPassword.status).toBe(401);
    const off = await browser.json('POST', '/dashboard/api/account/two-factor/disable', { password: OWNER.password, code: totpCodeAt(key, now + 5 * 60_000) });
    expect(off.status).toBe(200);
    expect((await browser.session()).owner.twoFactorEnabled).toBe(false);
    expect((await app.db.query('select count(*)::int as n from owner_recovery_codes')) as unknown).toEqual([{ n: 0 }]);
    expect((await signIn(app)).first.body.state).toBe('signed_in');
  });

  it('lets an admin require it for everyone: an account without it must set it up before anything else', async () => {
    const admin = await signedInOwner(app);
    const member = await invitedMember(app, admin, { email: 'member@example.com', password: 'a member password of length', role: 'member' });
    expect((await member.json('PATCH', '/dashboard/api/team/settings', { requireTwoFactor: true })).status).toBe(403);
    // An admin requires it only with it on for themselves, so they cannot lock themselves out of the switch.
    expect((await admin.json('PATCH', '/dashboard/api/team/settings', { requireTwoFactor: true })).status).toBe(409);
    const start = freeze();
    const adminKey = (await admin.json('POST', '/dashboard/api/account/two-factor/setup')).body.key as string;
    expect((await admin.json('POST', '/dashboard/api/account/two-factor/confirm', { code: totpCodeAt(adminKey, start) })).status).toBe(200);
    vi.useRealTimers();
    expect((await admin.json('PATCH', '/dashboard/api/team/settings', { requireTwoFactor: true })).status).toBe(200);
    expect((await admin.json('GET', '/dashboard/api/members')).body.requireTwoFactor).toBe(true);

    expect(await member.session()).toMatchObject({ state: 'signed_in', twoFactorSetupRequired: true });
    const blocked = await member.json('GET', `/v1/admin/projects/${app.project.id}/requests`);
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.reason).toBe('two_factor_setup_required');
    expect((await member.json('GET', '/dashboard/api/projects')).body.error.reason).toBe('two_factor_setup_required');

    const now = freeze();
    const setup = await member.json('POST', '/dashboard/api/account/two-factor/setup');
    expect((await member.json('POST', '/dashboard/api/account/two-factor/confirm', { code: totpCodeAt(setup.body.key, now) })).status).toBe(200);
    expect((await member.session()).twoFactorSetupRequired).toBe(false);
    expect((await member.json('GET', `/v1/admin/projects/${app.project.id}/requests`)).status).toBe(200);
    const refusedOff = await member.json('POST', '/dashboard/api/account/two-factor/disable', { password: 'a member password of length', code: totpCodeAt(setup.body.key, now + 30_000) });
    expect(refusedOff.status).toBe(409);
    await admin.json('PATCH', '/dashboard/api/team/settings', { requireTwoFactor: false });
  });
});
