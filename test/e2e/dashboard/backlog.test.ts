import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, type Chromium } from '../support/launch-chromium.js';
import { startDashboardApp } from '../../server/dashboard/dashboard-browser.js';
import { ensureDashboardBuild } from './support/ensure-dashboard-build.js';
import { screenshotPath } from './support/screenshot-path.js';
import { XSS, seedBacklog } from './support/seed-backlog.js';
import { seedShowcase } from './support/seed-showcase.js';
import { signInContext } from './support/sign-in-context.js';

type App = Awaited<ReturnType<typeof startDashboardApp>>;

describe.skipIf(!hasChromium())('the backlog in the browser', () => {
  let app: App;
  let chromium: Chromium;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    ensureDashboardBuild();
    app = await startDashboardApp();
    await seedBacklog(app);
    chromium = await launchChromium();
    const context = await chromium.newContext({ viewport: { width: 1280, height: 900 } });
    await signInContext(app, context);
    page = await context.newPage();
    // An alert would mean a payload ran; confirm() is the dashboard's own delete prompt.
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void (dialog.type() === 'confirm' ? dialog.accept() : dialog.dismiss());
    });
  });
  afterAll(async () => {
    await chromium?.close();
    await app?.close();
  });

  const titles = () => page.locator('[data-testid=backlog] .request-title').allTextContents();

  it('orders requests by monthly revenue, and renders the chart', async () => {
    await page.goto(`${app.url}/dashboard/projects/${app.project.id}`);
    await page.locator('[data-testid=backlog]').waitFor();
    expect(await titles()).toEqual(['Single sign-on (SAML)', 'Dark mode', XSS.title, 'Slack integration']);
    expect(await page.getByTestId('monthly-revenue').allTextContents()).toEqual(['$1,000/mo', '$49/mo', '$25/mo', '$0/mo']);

    const bars = page.locator('[data-testid=revenue-chart] rect.bar');
    expect(await bars.count()).toBe(4);
    const widths = await bars.evaluateAll((rects) => rects.map((rect) => rect.getBoundingClientRect().width));
    expect(widths[0]).toBeGreaterThan(500);
    expect(widths).toEqual([...widths].sort((a, b) => b - a));
    expect(widths[3]).toBe(0);
    expect(await page.locator('[data-testid=revenue-chart] text').first().textContent()).toBe('Single sign-on (SAML)');
  });

  it('ranks a believable backlog by revenue, not by votes (the README screenshot)', async () => {
    const showcase = await app.createProject({ name: 'Acme Analytics' });
    await seedShowcase(app, showcase);
    await page.goto(`${app.url}/dashboard/projects/${showcase.id}`);
    await page.locator('[data-testid=backlog]').waitFor();
    expect(await titles()).toEqual(['SAML single sign-on', 'Audit log export (CSV)', 'Custom dashboards', 'Dark mode', 'Slack notifications', 'Zapier integration']);
    expect(await page.getByTestId('monthly-revenue').allTextContents()).toEqual(['$7,300/mo', '$3,390/mo', '$1,679/mo', '$490/mo', '$199/mo', '$0/mo']);
    await page.screenshot({ path: screenshotPath('backlog'), fullPage: true });
    await page.goto(`${app.url}/dashboard/projects/${app.project.id}`);
  });

  it('orders by votes and by newest too', async () => {
    await page.getByRole('tab', { name: 'Votes' }).click();
    await expect.poll(titles).toEqual(['Slack integration', XSS.title, 'Dark mode', 'Single sign-on (SAML)']);
    await page.getByRole('tab', { name: 'Newest' }).click();
    await expect.poll(titles).toEqual(['Slack integration', XSS.title, 'Dark mode', 'Single sign-on (SAML)']);
    await page.getByRole('tab', { name: 'Monthly revenue' }).click();
    await expect.poll(titles).toEqual(['Single sign-on (SAML)', 'Dark mode', XSS.title, 'Slack integration']);
  });

  it('opens a request to show who asked, and changes its status', async () => {
    await page.getByRole('link', { name: 'Single sign-on (SAML)' }).click();
    await page.getByTestId('request-title').waitFor();
    expect(await page.getByTestId('request-revenue').textContent()).toBe('$1,000/mo');
    // Who asked, grouped by account: Ada is an account of one, weighing her own $1,000.
    const group = page.locator('[data-testid=voters] .account-group').first();
    const voter = group.locator('.voter-row').first();
    expect(await voter.locator('.voter-email').textContent()).toBe('ada@example.com');
    expect(await voter.locator('.voter-plan').textContent()).toBe('Enterprise');
    expect(await group.locator('.account-row td.num').first().textContent()).toBe('$1,000');
    expect(await group.getByTestId('account-share').textContent()).toBe('100%');
    await page.getByTestId('status').selectOption('planned');
    await page.getByText('Status changed to Planned.').waitFor();
    const stored = (await (await app.admin('/requests?sort=revenue')).json()) as { requests: { title: string; status: string }[] };
    expect(stored.requests[0]).toMatchObject({ title: 'Single sign-on (SAML)', status: 'planned' });
  });

  it('shows XSS payloads in titles, emails, names and plans as text', async () => {
    await page.goto(`${app.url}/dashboard/projects/${app.project.id}`);
    await page.getByRole('link', { name: XSS.title }).click();
    expect(await page.getByTestId('request-title').textContent()).toBe(XSS.title);
    const voter = page.locator('[data-testid=voters] .voter-row').first();
    expect(await voter.locator('.voter-email').textContent()).toBe(XSS.email);
    expect(await voter.locator('.voter-plan').textContent()).toBe(XSS.plan);
    expect(await voter.textContent()).toContain(XSS.name);
    await page.getByRole('link', { name: 'Users' }).click();
    const row = page.locator('[data-user-id=mallory]');
    expect(await row.locator('.user-email').textContent()).toBe(XSS.email);
    expect(await row.locator('.user-plan').textContent()).toBe(XSS.plan);
    await row.hover();

    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await page.locator('main img, main script, main b[onmouseover]').count()).toBe(0);
    expect(dialogs.filter((dialog) => dialog.startsWith('alert'))).toEqual([]);
  });

  it('lists users with plan, monthly amount and last seen, and deletes one', async () => {
    const rows = page.locator('[data-testid=users] tbody tr');
    expect(await rows.count()).toBe(7);
    expect(await rows.first().textContent()).toContain('ada@example.com');
    expect(await rows.first().textContent()).toContain('$1,000');
    expect(await rows.first().textContent()).toMatch(/just now|\d+ (s|min) ago/);
    await page.locator('[data-user-id=ada]').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => rows.count()).toBe(6);
    expect(dialogs.some((dialog) => dialog.startsWith('confirm: Delete ada@example.com?'))).toBe(true);
    await page.getByRole('link', { name: 'Backlog' }).click();
    // Ada's vote and revenue left with her: single sign-on now ties at $0 and has fewer votes than Slack.
    await expect.poll(titles).toEqual(['Dark mode', XSS.title, 'Slack integration', 'Single sign-on (SAML)']);
  });
});
