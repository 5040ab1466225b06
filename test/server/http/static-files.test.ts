import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config/load-config.js';
import { ensureDashboardBuild } from '../../e2e/dashboard/support/ensure-dashboard-build.js';
import { startDashboardApp } from '../dashboard/dashboard-browser.js';
import { rawGet } from '../../helpers/raw-get.js';
import { repositoryRoot } from '../../helpers/run-cli.js';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';

const decoders = { gzip: gunzipSync, br: brotliDecompressSync } as const;

describe('the widget files: compressed, with ETags, widget.js revalidated and hashed chunks immutable', () => {
  let app: TestApp;
  let widgetDir: string;
  const widget = `(function(){${'/* the widget */ '.repeat(400)}})();`;
  const panel = `export const panel = ${JSON.stringify('x'.repeat(5000))};`;
  const logs: string[] = [];
  beforeAll(async () => {
    // The widget's build as another engineer splits it: widget.js and a hashed panel chunk.
    widgetDir = mkdtempSync(path.join(tmpdir(), 'reqio-widget-dist-'));
    writeFileSync(path.join(widgetDir, 'widget.js'), widget);
    writeFileSync(path.join(widgetDir, 'panel-Bx3k9QeZ.js'), panel);
    app = await startTestApp({
      logger: pino({ level: 'info' }, { write: (line: string) => void logs.push(line) }),
      customize: (deps) => void (deps.widgetFile = path.join(widgetDir, 'widget.js')),
    });
  });
  afterAll(async () => {
    await app.close();
    rmSync(widgetDir, { recursive: true, force: true });
  });

  it.each(['gzip', 'br'] as const)('sends widget.js %s-encoded, cached 5 minutes and revalidated by ETag', async (encoding) => {
    const response = await rawGet(`${app.url}/widget.js`, { 'accept-encoding': encoding });
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({
      'content-encoding': encoding,
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300, must-revalidate',
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
      vary: 'Accept-Encoding',
      etag: expect.stringMatching(/^W\//),
    });
    expect(decoders[encoding](response.body).toString()).toBe(widget);
    expect((await rawGet(`${app.url}/widget.js`, { 'accept-encoding': encoding, 'if-none-match': String(response.headers.etag) })).status).toBe(304);
  });

  it('serves a hashed chunk of the widget as immutable, compressed', async () => {
    const response = await rawGet(`${app.url}/panel-Bx3k9QeZ.js`, { 'accept-encoding': 'br, gzip' });
    expect(response.headers).toMatchObject({ 'content-encoding': 'br', 'cache-control': 'public, max-age=31536000, immutable', 'access-control-allow-origin': '*' });
    expect(brotliDecompressSync(response.body).toString()).toBe(panel);
  });

  it('sends the raw file to a client that accepts no encoding', async () => {
    const response = await rawGet(`${app.url}/widget.js`);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body.toString()).toBe(widget);
  });

  it('serves nothing else from the directory, and compresses no API answer', async () => {
    for (const missing of ['/panel-missing.js', '/%2e%2e/etc/passwd.js', '/widget.ts']) {
      const response = await rawGet(`${app.url}${missing}`, { 'accept-encoding': 'gzip' });
      expect(response.status).toBe(404);
      expect(response.headers['content-encoding']).toBeUndefined();
    }
    const api = await rawGet(`${app.url}/v1/openapi.json`, { 'accept-encoding': 'gzip' });
    expect(api.status).toBe(200);
    expect(api.headers['content-encoding']).toBeUndefined();
  });

  it('leads / to the dashboard, and has a favicon', async () => {
    const root = await rawGet(`${app.url}/`);
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/dashboard');
    const ico = await rawGet(`${app.url}/favicon.ico`);
    expect(ico.status).toBe(200);
    expect(ico.headers['content-type']).toBe('image/x-icon');
    expect(ico.body.subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    const svg = await rawGet(`${app.url}/favicon.svg`);
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect(svg.body.toString()).toContain('<svg');
  });

  it('logs requests at info, but not passing health checks', async () => {
    logs.length = 0;
    await rawGet(`${app.url}/healthz`);
    await rawGet(`${app.url}/v1/openapi.json`);
    await expect.poll(() => logs.length).toBeGreaterThan(0);
    const urls = logs.map((line) => (JSON.parse(line) as { req?: { url: string } }).req?.url);
    expect(urls).toEqual(['/v1/openapi.json']);
  });
});

describe('the dashboard assets', () => {
  let app: Awaited<ReturnType<typeof startDashboardApp>>;
  beforeAll(async () => {
    ensureDashboardBuild();
    app = await startDashboardApp();
  });
  afterAll(() => app.close());

  it('are brotli-compressed, immutable, with ETags; the page itself is revalidated', async () => {
    const page = await rawGet(`${app.url}/dashboard`, { 'accept-encoding': 'gzip' });
    expect(page.headers['cache-control']).toBe('no-cache');
    const html = page.headers['content-encoding'] === 'gzip' ? gunzipSync(page.body).toString() : page.body.toString();
    expect(html).toContain('<link rel="icon" href="/favicon.svg"');
    const asset = html.match(/src="(\/dashboard\/assets\/[^"]+\.js)"/)![1]!;
    const response = await rawGet(`${app.url}${asset}`, { 'accept-encoding': 'br' });
    expect(response.headers).toMatchObject({ 'content-encoding': 'br', 'cache-control': 'public, max-age=31536000, immutable', etag: expect.stringMatching(/^W\//) });
    expect(brotliDecompressSync(response.body).equals(readFileSync(path.join(repositoryRoot, 'server/dashboard/dist', asset.replace('/dashboard/', ''))))).toBe(true);
  });
});

describe('LOG_FORMAT', () => {
  it('is json by default, pretty on request, and nothing else', () => {
    expect(loadConfig({}).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow('LOG_FORMAT must be json or pretty (it is "xml").');
  });

  it('pretty prints people-readable lines instead of JSON (built logger)', async () => {
    const script = `import { createLogger } from ${JSON.stringify(path.join(repositoryRoot, 'server/dist/create-app-deps.js'))};
createLogger('info', 'pretty').info({ req: { method: 'GET', url: '/v1/openapi.json' }, project: { secret: 'rq_sk_hidden' } }, 'request completed');`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, NO_COLOR: '1' } });
    expect(stdout).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: request completed\n/);
    expect(stdout).toContain('"url": "/v1/openapi.json"');
    expect(stdout).toContain('"secret": "[redacted]"');
    expect(stdout).not.toContain('{"level"');
    expect(stdout).not.toContain('rq_sk_hidden');
  });

  it('redacts credentials at the top of a log record as well as one level down (built logger)', async () => {
    const script = `import { createLogger } from ${JSON.stringify(path.join(repositoryRoot, 'server/dist/create-app-deps.js'))};
createLogger('info').info({ secret: 'rq_sk_top', token: 'eyJ.top', apiKey: 'rq_ak_top', password: 'hunter2', project: { secret: 'rq_sk_nested' } }, 'created');`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
    const line = JSON.parse(stdout.trim());
    expect(line).toMatchObject({ msg: 'created', secret: '[redacted]', token: '[redacted]', apiKey: '[redacted]', password: '[redacted]', project: { secret: '[redacted]' } });
    for (const value of ['rq_sk_top', 'eyJ.top', 'rq_ak_top', 'hunter2', 'rq_sk_nested']) expect(stdout).not.toContain(value);
  });
});
