import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureMintPackage } from '../helpers/ensure-mint-package.js';
import { repositoryRoot, runCli } from '../helpers/run-cli.js';
import { freePort, spawnService, type SpawnedService } from '../helpers/spawn-service.js';
import { ensureWidgetBuild } from './support/ensure-widget-build.js';
import { hasChromium, launchChromium, type Chromium } from './support/launch-chromium.js';

/** The README's code blocks marked `<!-- readme-test: NAME [FILE] -->`, by name. */
function readmeBlocks(): Map<string, { file: string | undefined; code: string }> {
  const readme = readFileSync(path.join(repositoryRoot, 'README.md'), 'utf8');
  const blocks = new Map<string, { file: string | undefined; code: string }>();
  for (const match of readme.matchAll(/<!-- readme-test: ([\w-]+)(?: ([\w./-]+))? -->\n```\w*\n([\s\S]*?)\n```/g)) {
    blocks.set(match[1]!, { file: match[2], code: match[3]! });
  }
  return blocks;
}

// The README's integration guide, followed as written: the service on a non-default port
// (PUBLIC_URL http://127.0.0.1:<port>), a project made with `reqio project create` while the
// service is stopped (so it must pick up the remembered PUBLIC_URL), the install line, the
// Express app and its two EJS views in an empty app outside the repository, then Chromium.
describe.skipIf(!hasChromium())("the README's integration guide, as written", () => {
  const blocks = readmeBlocks();
  let dataDir: string;
  let appDir: string;
  let service: SpawnedService;
  let hostApp: ChildProcess;
  let hostOutput = '';
  let hostUrl: string;
  let project: { id: string; audience: string; secret: string };
  let chromium: Chromium;

  beforeAll(async () => {
    ensureWidgetBuild();
    ensureMintPackage();
    dataDir = mkdtempSync(path.join(tmpdir(), 'reqio-readme-'));
    appDir = mkdtempSync(path.join(tmpdir(), 'reqio-readme-app-'));
    const port = await freePort();
    const appPort = await freePort();
    hostUrl = `http://localhost:${appPort}`;

    // npm start, then stop it, then `npx reqio project create` with no PUBLIC_URL.
    const first = await spawnService({ REQIO_DATA_DIR: dataDir }, [], { port });
    first.child.kill('SIGTERM');
    await first.exited;
    const created = await runCli(['project', 'create', '--name', 'Acme', '--origin', hostUrl, '--json'], { env: { REQIO_DATA_DIR: dataDir, PUBLIC_URL: undefined, PORT: undefined } });
    expect(created.status).toBe(0);
    project = JSON.parse(created.stdout) as typeof project;
    service = await spawnService({ REQIO_DATA_DIR: dataDir }, [], { port });
    expect(project.audience).toBe(`${service.url}/p/${project.id}`);

    const env = { ...process.env, REQIO_URL: service.url, REQIO_SECRET: project.secret, REQIO_AUDIENCE: project.audience, REQIO_PROJECT_ID: project.id, PORT: String(appPort) };
    writeFileSync(path.join(appDir, 'package.json'), JSON.stringify({ name: 'readme-app', private: true, type: 'module' }));
    // The install line as written; npm may answer from its cache (the registry stays reachable).
    await promisify(execFile)('sh', ['-c', blocks.get('install')!.code], {
      cwd: appDir,
      env: { ...env, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' },
      timeout: 170_000,
    });
    for (const name of ['express-app', 'ejs-view', 'spa-view']) {
      const block = blocks.get(name)!;
      mkdirSync(path.dirname(path.join(appDir, block.file!)), { recursive: true });
      writeFileSync(path.join(appDir, block.file!), `${block.code}\n`);
    }
    hostApp = spawn(process.execPath, ['app.js'], { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    hostApp.stdout!.on('data', (chunk: Buffer) => (hostOutput += chunk.toString()));
    hostApp.stderr!.on('data', (chunk: Buffer) => (hostOutput += chunk.toString()));
    for (let attempt = 0; ; attempt += 1) {
      if (hostApp.exitCode !== null) throw new Error(`the README's app exited: ${hostOutput}`);
      if (await fetch(hostUrl).then((response) => response.ok, () => false)) break;
      if (attempt > 300) throw new Error(`the README's app did not start: ${hostOutput}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    chromium = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await chromium?.close();
    hostApp?.kill('SIGTERM');
    service?.child.kill('SIGTERM');
    await service?.exited;
    rmSync(appDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('has the blocks the guide promises, in JavaScript', () => {
    expect([...blocks.keys()].sort()).toEqual(['ejs-view', 'express-app', 'install', 'spa-view']);
    expect(blocks.get('install')!.code).toContain('/packages/reqio-mint.tgz');
    expect(blocks.get('express-app')!.code).toContain("from '@reqio/mint'");
    expect(readFileSync(path.join(appDir, 'node_modules/@reqio/mint/package.json'), 'utf8')).toContain('"name": "@reqio/mint"');
  });

  /** A page that records the widget's events from before its scripts run. */
  const newPage = async (cookie?: string): Promise<Page> => {
    const context = await chromium.newContext();
    if (cookie) await context.addCookies([{ name: 'user', value: cookie, url: hostUrl }]);
    const page = await context.newPage();
    await page.addInitScript(() => {
      const events: unknown[] = [];
      (window as unknown as { reqioEvents: unknown[] }).reqioEvents = events;
      const stub = { q: [] as unknown[] } as { q: unknown[] } & Record<string, unknown>;
      (window as unknown as { Reqio: unknown }).Reqio = stub;
      for (const name of ['identified', 'identity:error', 'reset', 'ready']) stub.q.push(['on', [name, (payload: unknown) => events.push({ name, payload })]]);
    });
    return page;
  };
  const events = (page: Page) => page.evaluate(() => (window as unknown as { reqioEvents: { name: string; payload: { id?: string; code?: string } }[] }).reqioEvents);

  it('server-rendered, signed in: the widget identifies the user, with revenue', async () => {
    const page = await newPage('ada');
    const response = await page.goto(`${hostUrl}/`);
    expect(response!.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Hello, ada@example.com');
    expect(await page.locator('script[data-identity-token]').getAttribute('data-identity-token')).toMatch(/^eyJ/);
    await expect.poll(() => events(page), { timeout: 20_000 }).toContainEqual({ name: 'identified', payload: expect.objectContaining({ id: '42', monthlyAmount: 4900 }) });
    expect((await events(page)).filter((event) => event.name === 'identity:error')).toEqual([]);
    await page.context().close();
  });

  it('server-rendered, signed out: the page renders and the widget is anonymous', async () => {
    const page = await newPage();
    const response = await page.goto(`${hostUrl}/`);
    expect(response!.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Hello, visitor');
    expect(await page.locator('script[data-identity-token]').getAttribute('data-identity-token')).toBe('');
    await page.locator('reqio-widget .launcher').waitFor();
    expect((await events(page)).map((event) => event.name)).not.toContain('identified');
    await page.context().close();
  });

  it('SPA: identify() after login with the token provider, reset() on logout', async () => {
    const page = await newPage();
    await page.goto(`${hostUrl}/spa`);
    await page.locator('reqio-widget .launcher').waitFor();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => events(page), { timeout: 20_000 }).toContainEqual({ name: 'identified', payload: expect.objectContaining({ id: '42', monthlyAmount: 4900 }) });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(async () => (await events(page)).map((event) => event.name)).toContain('reset');
    await page.context().close();
  });

  it("printed nothing in the app's log: no warning, no error", () => {
    expect(hostOutput).toBe('');
  });
});
