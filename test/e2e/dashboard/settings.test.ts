import { confirmWithPassword } from './support/confirm-password.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, type Chromium } from '../support/launch-chromium.js';
import { startDashboardApp } from '../../server/dashboard/dashboard-browser.js';
import { ensureDashboardBuild } from './support/ensure-dashboard-build.js';
import { signInContext } from './support/sign-in-context.js';

type App = Awaited<ReturnType<typeof startDashboardApp>>;

describe.skipIf(!hasChromium())('projects, settings and API keys in the browser', () => {
  let app: App;
  let chromium: Chromium;
  let page: Page;

  beforeAll(async () => {
    ensureDashboardBuild();
    app = await startDashboardApp();
    chromium = await launchChromium();
    const context = await chromium.newContext({ viewport: { width: 1280, height: 900 } });
    await signInContext(app, context);
    page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
  });
  afterAll(async () => {
    await chromium?.close();
    await app?.close();
  });

  it('creates a project and shows its secret and API key once', async () => {
    await page.goto(`${app.url}/dashboard`);
    await page.getByLabel('Name').fill('Mobile app');
    await page.getByLabel('Allowed origin (optional)').fill('https://m.example.com');
    await page.getByRole('button', { name: 'Create project' }).click();
    const secret = await page.getByTestId('created-secret').textContent();
    expect(secret).toMatch(/^rq_sk_[A-Za-z0-9_-]{43}$/);
    expect(await page.getByRole('link', { name: 'Mobile app' }).count()).toBe(1);
    await page.getByRole('link', { name: 'Set up identity →' }).click();
    await page.getByRole('heading', { name: 'Identity set-up' }).waitFor();
    expect(await page.locator('body').textContent()).not.toContain(secret);
  });

  it('saves allowed origins, extra audiences and leeway, and shows what is wrong', async () => {
    await page.goto(`${app.url}/dashboard/projects/${app.project.id}/settings`);
    await page.getByLabel('Allowed origins').fill('https://app.example.com/any/path\nhttp://localhost:5173');
    await page.getByLabel('Extra audiences').fill(`https://reqio.app/p/${app.project.id}`);
    await page.getByLabel('Clock leeway (seconds)').fill('60');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved.').waitFor();
    const { project } = (await (await app.admin('')).json()) as { project: Record<string, unknown> };
    expect(project).toMatchObject({
      allowedOrigins: ['https://app.example.com', 'http://localhost:5173'],
      extraAudiences: [`https://reqio.app/p/${app.project.id}`],
      leewaySeconds: 60,
    });

    await page.getByLabel('Allowed origins').fill('ftp://files.example.com');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText(/allowedOrigins\.0 must be an http\(s\) origin/).waitFor();
  });

  it('creates an API key, shown once, that works until revoked', async () => {
    await page.getByPlaceholder('Key name, e.g. CI export').fill('CI export');
    await page.getByRole('button', { name: 'Create API key' }).click();
    await confirmWithPassword(page);
    const key = (await page.getByTestId('new-api-key').textContent())!;
    expect(key).toMatch(/^rq_ak_/);
    const call = () => fetch(`${app.url}/v1/admin/projects/${app.project.id}/users`, { headers: { authorization: `Bearer ${key}` } });
    expect((await call()).status).toBe(200);
    const row = page.locator('tr', { hasText: 'CI export' });
    expect(await row.textContent()).toContain(`${key.slice(0, 10)}…`);
    await row.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => row.textContent()).toContain('revoked');
    expect((await call()).status).toBe(401);
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const status = await page.evaluate(async () => (await fetch('/dashboard/api/projects')).status);
    expect(status).toBe(401);
  });
});
