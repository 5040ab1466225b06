import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../../server/src/team/two-factor/totp.js';
import { OWNER, startDashboardApp } from '../../server/dashboard/dashboard-browser.js';
import { hasChromium, launchChromium, type Chromium } from '../support/launch-chromium.js';
import { confirmWithPassword } from './support/confirm-password.js';
import { ensureDashboardBuild } from './support/ensure-dashboard-build.js';
import { screenshotPath } from './support/screenshot-path.js';
import { seedBacklog } from './support/seed-backlog.js';
import { signInContext } from './support/sign-in-context.js';

type App = Awaited<ReturnType<typeof startDashboardApp>>;
const MEMBER = { email: 'grace@example.com', name: 'Grace Hopper', password: 'compilers are for people' };

/** Calls the service from the page, as the dashboard would (same cookies, the page's CSRF token not needed for GET). */
const statusFromPage = (page: Page, path: string) => page.evaluate(async (url) => (await fetch(url)).status, path);

async function signIn(page: Page, app: App, credentials: { email: string; password: string }, code?: string) {
  await page.goto(`${app.url}/dashboard`);
  await page.getByLabel('Email').fill(credentials.email);
  await page.getByLabel('Password').fill(credentials.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (code !== undefined) {
    await page.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor();
    await page.getByLabel('Code').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
  }
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

describe.skipIf(!hasChromium())('the team in the browser', () => {
  let app: App;
  let chromium: Chromium;
  let admin: Page;

  beforeAll(async () => {
    ensureDashboardBuild();
    app = await startDashboardApp();
    await seedBacklog(app);
    chromium = await launchChromium();
    const context = await chromium.newContext({ viewport: { width: 1280, height: 900 } });
    await signInContext(app, context);
    admin = await context.newPage();
    admin.on('dialog', (dialog) => void dialog.accept());
  });
  afterAll(async () => {
    await chromium?.close();
    await app?.close();
  });

  it('invites a member who joins, signs in, and finds no secrets page, its API answering 403', async () => {
    await admin.goto(`${app.url}/dashboard/team`);
    await admin.getByRole('heading', { name: 'Team' }).waitFor();
    await admin.getByLabel('Email').fill(MEMBER.email);
    await admin.getByRole('button', { name: 'Create invite link' }).click();
    const link = (await admin.getByTestId('invite-link').textContent())!;
    expect(link).toMatch(new RegExp(`^${app.url}/dashboard/invite#token=`));
    await admin.getByText(`${MEMBER.email} as member`).waitFor();

    const context = await chromium.newContext({ viewport: { width: 1280, height: 900 } });
    const member = await context.newPage();
    await member.goto(link);
    await member.getByRole('heading', { name: 'Join the team' }).waitFor();
    await member.getByText(`You were invited as ${MEMBER.email}`).waitFor();
    expect(member.url()).toBe(`${app.url}/dashboard/invite`);
    await member.getByLabel('Your name').fill(MEMBER.name);
    await member.locator('input[autocomplete=new-password]').nth(0).fill(MEMBER.password);
    await member.locator('input[autocomplete=new-password]').nth(1).fill(MEMBER.password);
    await member.getByRole('button', { name: 'Join' }).click();
    await member.getByText(`Signed in as ${MEMBER.email} (member)`).waitFor();

    // The link worked once.
    const other = await (await chromium.newContext()).newPage();
    await other.goto(link);
    expect(await other.getByTestId('link-refused').textContent()).toContain('used already');

    // Sign out and in again with the password chosen on the invite page.
    await member.getByRole('button', { name: 'Sign out' }).click();
    await signIn(member, app, MEMBER);
    await member.getByRole('link', { name: 'Test project' }).click();
    const nav = member.getByRole('navigation', { name: 'Project' });
    await nav.getByRole('link', { name: 'Backlog' }).waitFor();
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Backlog', 'Accounts', 'Users']);
    // The member's own pages work: the backlog, a request with its voters, the users.
    await member.locator('[data-testid=backlog] tbody tr').first().waitFor();
    await member.locator('[data-testid=backlog] tbody tr a').first().click();
    await member.locator('[data-testid=voters]').waitFor();
    await nav.getByRole('link', { name: 'Users' }).click();
    await member.locator('[data-testid=users] tbody tr').first().waitFor();
    expect(await member.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    expect(await member.locator('main .error').count()).toBe(0);
    await member.goto(`${app.url}/dashboard/projects/${app.project.id}/identity`);
    await member.getByRole('heading', { name: 'Not found' }).waitFor();
    expect(await member.getByText('Reveal current secret…').count()).toBe(0);
    expect(await statusFromPage(member, `/dashboard/api/projects/${app.project.id}/secret`)).toBe(403);
    expect(await statusFromPage(member, `/v1/admin/projects/${app.project.id}/api-keys`)).toBe(403);
    expect(await statusFromPage(member, `/v1/admin/projects/${app.project.id}/requests`)).toBe(200);
    await member.goto(`${app.url}/dashboard/team`);
    await member.locator('[data-testid=members]').waitFor();
    expect(await member.getByRole('button', { name: 'Create invite link' }).count()).toBe(0);

    await admin.reload();
    await admin.getByText(MEMBER.name).waitFor();
    await admin.screenshot({ path: screenshotPath('members'), fullPage: true });
  });

  it('sets up two-factor sign-in, then signs in with a code and with a recovery code', async () => {
    await admin.goto(`${app.url}/dashboard/account`);
    await admin.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await admin.getByTestId('totp-qr').locator('svg').waitFor();
    const key = (await admin.getByTestId('totp-key').textContent())!;
    const now = Date.now();
    await admin.getByLabel('Code from the app').fill(totpCodeAt(key, now));
    await admin.getByRole('button', { name: 'Turn on' }).click();
    const codes = (await admin.getByTestId('recovery-codes').textContent())!.trim().split('\n');
    expect(codes).toHaveLength(10);
    await admin.getByRole('button', { name: 'I have saved them' }).click();
    await admin.getByText('Signing in asks for a code from your authenticator app.').waitFor();

    await admin.getByRole('button', { name: 'Sign out' }).click();
    await admin.getByRole('heading', { name: 'Sign in' }).waitFor();
    // The next 30-second step's code: the one that confirmed the set-up is spent.
    await signIn(admin, app, OWNER, totpCodeAt(key, now + 30_000));

    // A step-up now asks for the code too.
    await admin.goto(`${app.url}/dashboard/projects/${app.project.id}/identity`);
    await admin.getByRole('button', { name: 'Reveal current secret…' }).click();
    await confirmWithPassword(admin, OWNER.password, codes[1]);
    expect(await admin.getByTestId('secret').textContent()).toMatch(/^rq_sk_/);

    await admin.getByRole('button', { name: 'Sign out' }).click();
    await signIn(admin, app, OWNER, codes[0]);
    await admin.getByRole('button', { name: 'Sign out' }).click();
    await admin.getByLabel('Email').fill(OWNER.email);
    await admin.getByLabel('Password').fill(OWNER.password);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByLabel('Code').fill(codes[0]!);
    await admin.getByRole('button', { name: 'Verify' }).click();
    await admin.getByText('was used already').waitFor();
  });
});
