import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWidgetBuild } from '../support/ensure-widget-build.js';
import { hasChromium, launchChromium, type Chromium } from '../support/launch-chromium.js';
import { repositoryRoot } from '../../helpers/run-cli.js';
import { confirmWithPassword } from './support/confirm-password.js';
import { ensureDashboardBuild } from './support/ensure-dashboard-build.js';
import { screenshotPath } from './support/screenshot-path.js';

const PASSWORD = 'a long passphrase for the owner';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** The environment for an embedded-store instance: none of CI's PostgreSQL, Redis or URL settings. */
function embeddedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  for (const name of ['PUBLIC_URL', 'PORT', 'REQIO_DATA_DIR', 'REQIO_MASTER_KEY', 'DATABASE_URL', 'REDIS_URL']) delete env[name];
  return env;
}

describe.skipIf(!hasChromium())('first run: from the printed link to a working widget on the demo page', () => {
  let child: ChildProcess;
  let stdout = '';
  let dataDir: string;
  let chromium: Chromium;
  let page: Page;

  beforeAll(async () => {
    ensureWidgetBuild();
    ensureDashboardBuild();
    dataDir = mkdtempSync(join(tmpdir(), 'reqio-first-run-'));
    const port = await freePort();
    child = spawn(
      join(repositoryRoot, 'node_modules/.bin/tsx'),
      ['--conditions=source', 'test/e2e/dashboard/support/reqio-from-source.ts', 'start', '--port', String(port), '--data-dir', dataDir],
      { cwd: repositoryRoot, env: embeddedEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`reqio start did not come up:\n${stdout}\n${stderr}`)), 90_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('Press Ctrl+C')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`reqio start exited with ${code}:\n${stdout}\n${stderr}`)));
    });
    chromium = await launchChromium();
    page = await (await chromium.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  });

  afterAll(async () => {
    await chromium?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the dashboard, a one-time set-up link and the demo pages', () => {
    expect(stdout).toMatch(/Dashboard {3}http:\/\/localhost:\d+\/dashboard\n/);
    expect(stdout).toMatch(/First run: create the owner account with this one-time link/);
    expect(stdout).toMatch(/ {2}http:\/\/localhost:\d+\/dashboard\/setup#token=[A-Za-z0-9_-]{43}\n/);
    expect(stdout).toMatch(/Demo pages {2}http:\/\/localhost:\d+\/demo\/server-rendered {2}http:\/\/localhost:\d+\/demo\/spa/);
  });

  it('creates the owner, generates a secret, and the demo page identifies with it', async () => {
    const link = stdout.match(/http:\/\/localhost:\d+\/dashboard\/setup#token=[A-Za-z0-9_-]+/)![0];
    const origin = new URL(link).origin;

    // The printed link: create the owner account.
    await page.goto(link);
    await page.getByLabel('Email').fill('owner@example.com');
    await page.locator('input[autocomplete=new-password]').nth(0).fill(PASSWORD);
    await page.locator('input[autocomplete=new-password]').nth(1).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create owner account' }).click();
    await page.getByRole('heading', { name: 'Projects' }).waitFor();
    expect(page.url()).toBe(`${origin}/dashboard`);

    // The demo project's identity set-up: stack, a new secret, the snippet with its audience.
    await page.getByRole('link', { name: 'Demo' }).click();
    await page.getByRole('link', { name: 'Identity set-up' }).click();
    await page.getByRole('button', { name: 'Node.js' }).click();
    const audience = await page.getByTestId('audience').textContent();
    expect(audience).toMatch(new RegExp(`^${origin}/p/prj_`));
    await expect.poll(() => page.locator('pre').first().textContent()).toContain('npm install @reqio/mint');
    expect(await page.locator('pre').first().textContent()).toContain(`npm install ${origin}/packages/reqio-mint.tgz`);
    expect(await page.locator('pre').nth(1).textContent()).toContain(`audience: '${audience}'`);
    await page.getByLabel('Grace period for the previous secret').selectOption({ label: 'stop the old one now (leaked secret)' });
    await page.getByRole('button', { name: 'Generate new secret' }).click();
    await confirmWithPassword(page, PASSWORD);
    const secret = await page.getByTestId('secret').textContent();
    expect(secret).toMatch(/^rq_sk_[A-Za-z0-9_-]{43}$/);
    await page.getByText('The previous one stopped working.').waitFor();
    await page.screenshot({ path: screenshotPath('identity-setup'), fullPage: true });

    // Revealed again only after the password.
    await page.getByRole('button', { name: 'Hide' }).click();
    await page.getByRole('button', { name: 'Reveal current secret…' }).click();
    await confirmWithPassword(page, 'wrong password!');
    await page.getByText('The password is not right.').waitFor();
    await confirmWithPassword(page, PASSWORD);
    expect(await page.getByTestId('secret').textContent()).toBe(secret);

    // The demo host page: the server mints with the new secret, the widget identifies.
    await page.goto(`${origin}/demo/server-rendered`);
    await page.getByRole('button', { name: /Ada Lovelace/ }).click();
    await expect.poll(() => page.locator('#reqio-status').textContent(), { timeout: 15_000 }).toBe('identified as ada@analytical.example');
    await page.getByRole('button', { name: 'Feedback', exact: true }).click();
    await page.getByText('Signed in as ada@analytical.example').waitFor();
    await page.getByRole('button', { name: 'Suggest a feature' }).click();
    await page.getByLabel('Title').fill('Export the report as CSV');
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.getByText('Thanks! Your request is posted.').waitFor();

    // Back in the dashboard, the request carries Ada's monthly revenue.
    await page.goto(`${origin}/dashboard`);
    await page.getByRole('link', { name: 'Demo' }).click();
    const row = page.locator('[data-testid=backlog] tbody tr').first();
    await expect.poll(() => row.textContent()).toContain('Export the report as CSV');
    expect(await row.getByTestId('monthly-revenue').textContent()).toBe('$1,000/mo');
  });

  it('identifies on the SPA demo page after its fake login, and resets on logout', async () => {
    const origin = new URL(page.url()).origin;
    await page.goto(`${origin}/demo/spa`);
    await page.getByRole('button', { name: /Grace Hopper/ }).click();
    await expect.poll(() => page.locator('#reqio-status').textContent(), { timeout: 15_000 }).toBe('identified as grace@cobol.example');
    expect(await page.locator('#who').textContent()).toContain('Grace Hopper');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.locator('#reqio-status').textContent()).toBe('signed out (anonymous)');
  });
});
