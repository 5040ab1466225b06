import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitedMember, signedInOwner, startDashboardApp } from '../../server/dashboard/dashboard-browser.js';
import { hasChromium, launchChromium, type Chromium } from '../support/launch-chromium.js';
import { ensureDashboardBuild } from './support/ensure-dashboard-build.js';
import { screenshotPath } from './support/screenshot-path.js';
import { seedBacklog } from './support/seed-backlog.js';
import { signInContext } from './support/sign-in-context.js';
import { identifyAs } from '../../helpers/widget-client.js';

type App = Awaited<ReturnType<typeof startDashboardApp>>;

/** Every page of the dashboard, and what shows it is done loading. */
const PAGES = (app: App) => {
  const project = `/dashboard/projects/${app.project.id}`;
  return [
    { name: 'projects', path: '/dashboard', ready: 'main h1' },
    { name: 'backlog', path: project, ready: '[data-testid=backlog]' },
    { name: 'backlog-search', path: project, ready: '[data-testid=backlog]', then: (page: Page) => searchBacklog(page, 'single sign') },
    { name: 'request', path: `${project}/backlog/${requestId}`, ready: '[data-comment-id]' },
    { name: 'request-edit', path: `${project}/backlog/${requestId}`, ready: '[data-comment-id]', then: (page: Page) => page.getByTestId('edit').click().then(() => page.getByTestId('edit-request').waitFor()) },
    // A dialog's backdrop covers the viewport only: these two are shot as the viewport shows them.
    { name: 'request-merge', path: `${project}/backlog/${requestId}`, ready: '[data-comment-id]', dialog: true, then: (page: Page) => page.getByTestId('merge').click().then(() => page.locator('[data-merge-target]').first().waitFor()) },
    { name: 'request-delete', path: `${project}/backlog/${requestId}`, ready: '[data-comment-id]', dialog: true, then: (page: Page) => page.getByTestId('delete').click().then(() => page.getByTestId('confirm-dialog').waitFor()) },
    { name: 'accounts', path: `${project}/accounts`, ready: '[data-testid=accounts]' },
    { name: 'account', path: `${project}/accounts/${accountId}`, ready: '[data-testid=account-users]' },
    { name: 'users', path: `${project}/users`, ready: '[data-testid=users]' },
    { name: 'identity', path: `${project}/identity`, ready: 'main h1', then: (page: Page) => page.getByRole('button', { name: 'Go' }).click().then(() => page.locator('.code pre').first().waitFor()) },
    { name: 'debugger', path: `${project}/debugger`, ready: '[data-testid=failure-audiences]', then: checkToken },
    { name: 'settings', path: `${project}/settings`, ready: '[data-testid=email-enabled]' },
    { name: 'webhooks', path: `${project}/webhooks`, ready: '[data-testid=webhooks]' },
    { name: 'audit-log', path: `${project}/audit-log`, ready: '[data-testid=audit-entries]' },
    { name: 'team', path: '/dashboard/team', ready: '[data-testid=members]' },
    {
      name: 'account',
      path: '/dashboard/account',
      ready: 'main h1',
      then: (page: Page) => page.getByRole('button', { name: 'Set up two-factor sign-in' }).click().then(() => page.getByTestId('totp-qr').locator('svg').waitFor()),
    },
  ];
};
let requestId = '';
let accountId = '';
let token = '';

async function searchBacklog(page: Page, words: string): Promise<void> {
  await page.getByTestId('backlog-search').fill(words);
  await page.locator('[data-testid=backlog] tbody tr').first().waitFor();
  await page.waitForFunction((count) => document.querySelectorAll('[data-testid=backlog] tbody tr').length <= count, 3);
}

async function checkToken(page: Page): Promise<void> {
  await page.getByTestId('token-input').fill(token);
  await page.getByRole('button', { name: 'Check token' }).click();
  await page.getByTestId('diagnosis').waitFor();
}

/** The page may not scroll sideways: nothing wider than the viewport. */
const overflow = (page: Page) => page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth }));

/** WCAG contrast ratio of an element's text on its nearest opaque background. */
const contrast = (page: Page, selector: string) =>
  page.locator(selector).evaluate((element) => {
    const parse = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) =>
      [r!, g!, b!].map((c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
    let background: number[] = [255, 255, 255];
    for (let node: Element | null = element; node; node = node.parentElement) {
      const value = parse(getComputedStyle(node).backgroundColor);
      if (value.length >= 3 && (value[3] ?? 1) === 1) {
        background = value;
        break;
      }
    }
    const [light, dark] = [luminance(parse(getComputedStyle(element).color)), luminance(background)].sort((a, b) => b - a);
    return (light! + 0.05) / (dark! + 0.05);
  });

describe.skipIf(!hasChromium())('the dashboard on a phone (390 px) and on a desktop (1280 px)', () => {
  let app: App;
  let chromium: Chromium;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureDashboardBuild();
    app = await startDashboardApp();
    await seedBacklog(app);
    const { requests } = (await (await app.admin('/requests?sort=revenue')).json()) as { requests: { id: string }[] };
    requestId = requests[0]!.id;
    // A conversation on it: a customer's comment, the team's reply, an internal note.
    const commenter = await fetch(`${app.url}/v1/projects/${app.project.id}/identify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: await app.mint({ sub: 'commenter', name: 'Grace Hopper', email: 'grace@example.com' } as never) }),
    });
    const session = ((await commenter.json()) as { session: string }).session;
    await fetch(`${app.url}/v1/projects/${app.project.id}/requests/${requestId}/comments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'We need this before our security review in March; our auditors ask for SSO on every tool.' }),
    });
    await app.admin(`/requests/${requestId}/comments`, { method: 'POST', body: JSON.stringify({ body: 'Thanks! SAML is planned for next quarter; we will post here when it ships.' }) });
    await app.admin(`/requests/${requestId}/comments`, { method: 'POST', body: JSON.stringify({ body: 'Three enterprise renewals depend on this.', internal: true }) });
    // A company with two people on the top request, its amount in euros: the grouped and converted views.
    await app.admin('', { method: 'PATCH', body: JSON.stringify({ exchangeRates: { EUR: 1.08 } }) });
    for (const sub of ['li@globex-international-holdings.example', 'mo@globex-international-holdings.example']) {
      const person = await identifyAs(app, { sub, email: sub, company: { id: 'globex', name: 'Globex International Holdings', plan: 'Business', amount: 250_000, interval: 'month', currency: 'EUR' } });
      await person.json('PUT', `/requests/${requestId}/vote`);
    }
    accountId = ((await (await app.admin('/accounts')).json()) as { accounts: { id: string }[] }).accounts[0]!.id;
    await app.admin('/webhooks', { method: 'POST', body: JSON.stringify({ url: 'https://hooks.example.com/reqio/a-rather-long-path/that-goes-on', description: 'CRM sync' }) });
    // A refused identify, so the debugger's failure log shows the audiences.
    token = await app.mint({ sub: 'phone-user', email: 'phone@example.com', traits: { plan: 'pro', amount: 4900 } });
    const wrong = await app.mint({ sub: 'phone-user' }, { project: { ...app.project, audience: 'http://localhost:3000/p/prj_somewhere_else_entirely' } });
    await fetch(`${app.url}/v1/projects/${app.project.id}/identify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: wrong }) });
    // Something in the audit log, and a colleague on the team page.
    await app.admin('', { method: 'PATCH', body: JSON.stringify({ allowedOrigins: ['https://app.a-rather-long-company-name.example.com'], leewaySeconds: 30 }) });
    await invitedMember(app, await signedInOwner(app), { email: 'margaret.hamilton@a-rather-long-company-name.example.com', name: 'Margaret Hamilton', password: 'apollo guidance computer', role: 'member' });
    chromium = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await chromium?.close();
    await app?.close();
  });

  const open = async (width: number, signedIn = true) => {
    const context = await chromium.newContext({ viewport: { width, height: width < 500 ? 844 : 900 }, deviceScaleFactor: 1, ...(width < 500 && { isMobile: true, hasTouch: true }) });
    contexts.push(context);
    if (signedIn) await signInContext(app, context);
    return context.newPage();
  };

  for (const width of [390, 1280]) {
    it(`shows every signed-in page at ${width} px with no sideways scrolling`, { timeout: 180_000 }, async () => {
      const page = await open(width);
      for (const target of PAGES(app)) {
        await page.goto(`${app.url}${target.path}`);
        await page.locator(target.ready).first().waitFor();
        await target.then?.(page);
        expect({ page: target.name, ...(await overflow(page)) }).toEqual({ page: target.name, scrollWidth: width, innerWidth: width });
        await page.screenshot({ path: screenshotPath(`${width}-${target.name}`), fullPage: !('dialog' in target) });
      }
    });

    it(`shows the invite page at ${width} px with no sideways scrolling`, async () => {
      const admin = await signedInOwner(app);
      const invite = await admin.json('POST', '/dashboard/api/members/invites', { email: `phone-${width}@a-rather-long-company-name.example.com`, role: 'member' });
      const page = await open(width, false);
      await page.goto(invite.body.link);
      await page.getByRole('heading', { name: 'Join the team' }).waitFor();
      await page.getByLabel('Your name').waitFor();
      expect(await overflow(page)).toEqual({ scrollWidth: width, innerWidth: width });
      await page.screenshot({ path: screenshotPath(`${width}-invite`), fullPage: true });
    });

    it(`shows the sign-in page at ${width} px with no sideways scrolling`, async () => {
      const page = await open(width, false);
      await page.goto(`${app.url}/dashboard`);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      expect(await overflow(page)).toEqual({ scrollWidth: width, innerWidth: width });
      await page.screenshot({ path: screenshotPath(`${width}-sign-in`), fullPage: true });
    });
  }

  it('folds the sidebar into a compact menu on a phone', async () => {
    const page = await open(390);
    await page.goto(`${app.url}/dashboard/projects/${app.project.id}`);
    await page.locator('[data-testid=backlog]').waitFor();
    const nav = page.getByRole('navigation', { name: 'Project' });
    expect(await nav.isVisible()).toBe(false);
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect((await page.locator('.side').boundingBox())!.height).toBeLessThan(80);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('link', { name: 'Users' }).click();
    await page.locator('[data-testid=users]').waitFor();
    expect(await nav.isVisible()).toBe(false);
    // Tables become rows of labelled values.
    const cell = page.locator('[data-testid=users] tbody tr').first().locator('td').nth(1);
    expect(await cell.evaluate((element) => getComputedStyle(element, '::before').content)).not.toBe('none');
    // On a desktop the sidebar is all there, with no menu button.
    const desktop = await open(1280);
    await desktop.goto(`${app.url}/dashboard/projects/${app.project.id}`);
    await desktop.locator('[data-testid=backlog]').waitFor();
    expect(await desktop.getByRole('navigation', { name: 'Project' }).isVisible()).toBe(true);
    expect(await desktop.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
  });

  it('keeps the chart labels legible on a phone', async () => {
    const page = await open(390);
    await page.goto(`${app.url}/dashboard/projects/${app.project.id}`);
    const label = page.locator('[data-testid=revenue-chart] text').first();
    await label.waitFor();
    expect(await label.textContent()).toBe('Single sign-on (SAML)');
    expect((await label.boundingBox())!.height).toBeGreaterThanOrEqual(10);
  });

  it('keeps each sum of money in the stats on one line on a phone', async () => {
    const page = await open(390);
    const lines = (selector: string) =>
      page.locator(selector).evaluate((element) => {
        const range = document.createRange();
        range.selectNodeContents(element);
        return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
      });
    await page.goto(`${app.url}/dashboard/projects/${app.project.id}`);
    await page.locator('.stat.money b').waitFor();
    expect(await page.locator('.stat.money b').textContent()).toMatch(/^\$[\d,]+\/mo$/);
    expect(await lines('.stat.money b')).toBe(1);
    await page.locator('[data-testid=backlog] a').first().click();
    await page.locator('[data-testid=request-revenue]').waitFor();
    expect(await lines('[data-testid=request-revenue]')).toBe(1);
  });

  it('shows "Sign out" with WCAG AA contrast', async () => {
    for (const width of [390, 1280]) {
      const page = await open(width);
      await page.goto(`${app.url}/dashboard`);
      if (width === 390) await page.getByRole('button', { name: 'Menu' }).click();
      const signOut = page.getByRole('button', { name: 'Sign out' });
      await signOut.waitFor();
      expect(await contrast(page, '.side-foot button')).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('opens a backlog row with one history entry, so Back returns to the backlog', async () => {
    const page = await open(1280);
    await page.goto(`${app.url}/dashboard/projects/${app.project.id}`);
    await page.locator('[data-testid=backlog]').waitFor();
    const before = await page.evaluate(() => history.length);
    await page.locator('[data-testid=backlog] .request-title').first().click();
    await page.getByTestId('request-title').waitFor();
    expect(await page.evaluate(() => history.length)).toBe(before + 1);
    await page.locator('[data-testid=backlog] tbody tr').count();
    await page.goBack();
    await page.locator('[data-testid=backlog]').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/dashboard/projects/${app.project.id}`);
    // A click on the row outside the title opens it too, with one entry.
    await page.locator('[data-testid=backlog] tbody tr td.num').first().click();
    await page.getByTestId('request-title').waitFor();
    await page.goBack();
    await page.locator('[data-testid=backlog]').waitFor();
  });
});
