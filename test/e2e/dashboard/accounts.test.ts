import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, type Chromium } from '../support/launch-chromium.js';
import { startDashboardApp } from '../../server/dashboard/dashboard-browser.js';
import type { TestProject } from '../../helpers/start-test-app.js';
import { ensureDashboardBuild } from './support/ensure-dashboard-build.js';
import { screenshotPath } from './support/screenshot-path.js';
import { seedAccounts } from './support/seed-accounts.js';
import { signInContext } from './support/sign-in-context.js';

type App = Awaited<ReturnType<typeof startDashboardApp>>;

describe.skipIf(!hasChromium())('accounts in the dashboard', () => {
  let app: App;
  let chromium: Chromium;
  let page: Page;
  let project: TestProject;

  beforeAll(async () => {
    ensureDashboardBuild();
    app = await startDashboardApp();
    project = await app.createProject({ name: 'Acme Analytics' });
    await seedAccounts(app, project);
    chromium = await launchChromium();
    const context = await chromium.newContext({ viewport: { width: 1280, height: 900 } });
    await signInContext(app, context);
    page = await context.newPage();
  });
  afterAll(async () => {
    await chromium?.close();
    await app?.close();
  });

  const base = () => `${app.url}/dashboard/projects/${project.id}`;
  const accountNames = () => page.locator('[data-testid=accounts] .account-name').allTextContents();

  it('lists accounts by monthly revenue, each company once with its people and votes (the README screenshot)', async () => {
    await page.goto(`${base()}/accounts`);
    await page.locator('[data-testid=accounts]').waitFor();
    const names = await accountNames();
    expect(names.slice(0, 5)).toEqual(['Umbrella Corp', 'Northwind Traders', 'Globex GmbH', 'Initech', 'cto.hooli']);
    expect(names.slice(5).sort()).toEqual(['trial-1', 'trial-2', 'trial-3']); // $0 each: any order
    // €990 a month at 1.08 is $1,069.20.
    expect((await page.getByTestId('account-revenue').allTextContents()).slice(0, 5)).toEqual(['$4,900/mo', '$2,400/mo', '$1,069/mobilled €990/mo', '$490/mo', '$199/mo']);
    const umbrella = page.locator('[data-testid=accounts] tbody tr').first();
    expect(await umbrella.locator('td[data-label=People]').textContent()).toBe('3');
    expect(await umbrella.locator('td[data-label=Votes]').textContent()).toBe('3');
    await page.screenshot({ path: screenshotPath('accounts'), fullPage: true });
  });

  it('searches by name and sorts by name', async () => {
    await page.getByTestId('account-search').fill('glob');
    await expect.poll(accountNames).toEqual(['Globex GmbH']);
    await page.getByTestId('account-search').fill('');
    await page.getByRole('tab', { name: 'Name' }).click();
    await expect.poll(async () => (await accountNames()).slice(0, 3)).toEqual(['cto.hooli', 'Globex GmbH', 'Initech']);
  });

  it('opens an account with its people and the requests they asked for', async () => {
    await page.getByRole('link', { name: 'Umbrella Corp' }).click();
    await page.getByTestId('account-title').waitFor();
    expect(await page.locator('[data-testid=account-users] tbody tr').count()).toBe(3);
    expect(await page.locator('main .plain-list a').allTextContents()).toEqual(['SAML single sign-on']);
  });

  it("groups who asked under each account, with the account's share of the revenue", async () => {
    await page.getByRole('link', { name: 'SAML single sign-on' }).click();
    await page.getByTestId('request-title').waitFor();
    // Umbrella ($4,900, three people), Northwind ($2,400), Globex ($1,069.20): $8,369.20 from three accounts.
    expect(await page.getByTestId('request-revenue').textContent()).toBe('$8,369/mo');
    expect(await page.getByTestId('request-accounts').textContent()).toBe('3');
    const groups = page.locator('[data-testid=voters] .account-group');
    expect(await groups.locator('.account-name').allTextContents()).toEqual(['Umbrella Corp', 'Northwind Traders', 'Globex GmbH']);
    expect(await groups.first().locator('.voter-row').count()).toBe(3);
    expect(await page.getByTestId('account-share').allTextContents()).toEqual(['59%', '29%', '13%']);
  });

  it('shows accounts beside votes in the backlog, and filters it to a segment', async () => {
    await page.goto(base());
    await page.locator('[data-testid=backlog]').waitFor();
    expect(await page.getByTestId('accounts').allTextContents()).toEqual(['3', '3', '3', '4']);
    // Only Globex is on Business: the same $1,069 behind three requests, then by votes, then newest.
    await page.getByTestId('segment-plan').fill('Business');
    await expect.poll(() => page.locator('[data-testid=backlog] .request-title').allTextContents()).toEqual(['SAML single sign-on', 'Custom dashboards', 'Audit log export (CSV)']);
    expect(await page.getByTestId('accounts').first().textContent()).toBe('1 of 3');
    await page.getByTestId('segment-plan').fill('');
    await page.getByTestId('segment-minimum').fill('1000');
    await expect.poll(() => page.locator('[data-testid=backlog] .request-title').allTextContents()).toEqual(['SAML single sign-on', 'Audit log export (CSV)', 'Custom dashboards']);
  });

  it('edits the currency rates in the settings, and the accounts re-weigh at once', async () => {
    await page.goto(`${base()}/settings`);
    const settings = page.getByTestId('currency-settings');
    await settings.waitFor();
    await settings.getByLabel('USD per one EUR').fill('1.1');
    await settings.getByRole('button', { name: 'Save currency and rates' }).click();
    await settings.getByText('Saved').waitFor();
    await page.goto(`${base()}/accounts`);
    await page.locator('[data-testid=accounts]').waitFor();
    expect((await page.getByTestId('account-revenue').allTextContents())[2]).toBe('$1,089/mobilled €990/mo');
  });
});
