import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyIdentityToken } from '@reqio/server';
import * as serverMint from '@reqio/server/mint';
import { ensureMintPackage, MINT_TARBALL } from '../../helpers/ensure-mint-package.js';
import { rawGet } from '../../helpers/raw-get.js';
import { repositoryRoot } from '../../helpers/run-cli.js';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';
import { AUDIENCE, SECRET } from '../../helpers/tokens.js';

const run = promisify(execFile);
const serverVersion = (JSON.parse(readFileSync(path.join(repositoryRoot, 'server/package.json'), 'utf8')) as { version: string }).version;
const npm = (args: string[], cwd: string) => run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, timeout: 120_000 });

// An app outside the repository, so nothing can resolve from the workspace's node_modules.
let app: string;
let packed: { filename: string; files: { path: string }[]; version: string; name: string };
beforeAll(async () => {
  ensureMintPackage();
  app = mkdtempSync(path.join(tmpdir(), 'reqio-mint-app-'));
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'mint-app', private: true, type: 'module' }));
  // `npm pack`, as a publisher would run it, then `npm install` of that tarball.
  packed = (JSON.parse((await npm(['pack', '--json', '--pack-destination', app], path.join(repositoryRoot, 'server/mint'))).stdout) as (typeof packed)[])[0]!;
  await npm(['install', '--prefer-offline', path.join(app, packed.filename)], app);
}, 180_000);
afterAll(() => rmSync(app, { recursive: true, force: true }));

describe('@reqio/mint, packed and installed into an empty app', () => {
  it('packs the built ESM, its types, the README and package.json, at the server version', () => {
    expect(packed.name).toBe('@reqio/mint');
    expect(packed.version).toBe(serverVersion);
    const files = packed.files.map((file) => file.path).sort();
    expect(files).toEqual(expect.arrayContaining(['README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/shared/index.d.ts']));
    expect(files.filter((file) => !/^(README\.md|package\.json|dist\/[\w/-]+\.(js|d\.ts))$/.test(file))).toEqual([]);
    const manifest = JSON.parse(readFileSync(path.join(app, 'node_modules/@reqio/mint/package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ type: 'module', sideEffects: false, types: './dist/index.d.ts', dependencies: { jose: expect.any(String), zod: expect.any(String) } });
    expect(Object.keys(manifest.dependencies as object).sort()).toEqual(['jose', 'zod']);
  });

  it('installs exactly jose and zod beside it, and nothing else', () => {
    const lock = JSON.parse(readFileSync(path.join(app, 'node_modules/.package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    expect(Object.keys(lock.packages).sort()).toEqual(['node_modules/@reqio/mint', 'node_modules/jose', 'node_modules/zod']);
  });

  it('bundles @reqio/shared: its code imports nothing but jose and zod', () => {
    const code = readFileSync(path.join(app, 'node_modules/@reqio/mint/dist/index.js'), 'utf8');
    const imports = [...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((match) => match[1]);
    expect(imports.sort()).toEqual(['jose', 'zod']);
    expect(code).not.toContain('@reqio/');
  });

  it('mints a token there that verifyIdentityToken accepts', async () => {
    writeFileSync(
      path.join(app, 'mint.js'),
      `import { mintIdentityToken } from '@reqio/mint';
const token = await mintIdentityToken(
  { sub: '42', email: 'ada@example.com', traits: { plan: 'pro', amount: 120000, interval: 'year' } },
  { secret: process.env.REQIO_SECRET, audience: process.env.REQIO_AUDIENCE },
);
console.log(token);
`,
    );
    const { stdout } = await run(process.execPath, ['mint.js'], { cwd: app, env: { ...process.env, REQIO_SECRET: SECRET, REQIO_AUDIENCE: AUDIENCE } });
    await expect(verifyIdentityToken(stdout.trim(), { secrets: SECRET, audience: AUDIENCE })).resolves.toMatchObject({ sub: '42', email: 'ada@example.com', monthlyAmount: 10000 });
  });

  it('ships types a TypeScript app compiles against, and that catch a wrong interval', { timeout: 60_000 }, async () => {
    writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['app.ts'] }));
    const tsc = path.join(repositoryRoot, 'node_modules/typescript/bin/tsc');
    const write = (claims: string) =>
      writeFileSync(
        path.join(app, 'app.ts'),
        `import { mintIdentityToken, type Traits } from '@reqio/mint';
const traits: Traits = ${claims};
export const token: Promise<string> = mintIdentityToken({ sub: '42', traits }, { secret: 's'.repeat(32), audience: 'https://x.example/p/prj_1' });
`,
      );
    write("{ plan: 'pro', amount: 4900, interval: 'month' }");
    await expect(run(process.execPath, [tsc, '-p', app], { cwd: app })).resolves.toBeDefined();
    write("{ plan: 'pro', amount: 4900, interval: 'weekly' }");
    const failure = await run(process.execPath, [tsc, '-p', app], { cwd: app }).catch((error: { stdout: string }) => error);
    expect((failure as { stdout: string }).stdout).toMatch(/app\.ts\(2,\d+\): error TS2322: .*"weekly"/);
  });

  it('has the same API as @reqio/server/mint', async () => {
    const installed = (await import(/* @vite-ignore */ path.join(app, 'node_modules/@reqio/mint/dist/index.js'))) as Record<string, unknown>;
    expect(Object.keys(installed).sort()).toEqual(Object.keys(serverMint).sort());
  });
});

describe('GET /packages/reqio-mint.tgz', () => {
  let service: TestApp;
  beforeAll(async () => {
    ensureMintPackage();
    service = await startTestApp();
  });
  afterAll(() => service.close());

  it("serves the build's tarball, with an ETag, revalidated after 5 minutes", async () => {
    const response = await rawGet(`${service.url}/packages/reqio-mint.tgz`);
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': 'application/gzip',
      'content-disposition': `attachment; filename="reqio-mint-${serverVersion}.tgz"`,
      'cache-control': 'public, max-age=300, must-revalidate',
      etag: expect.stringMatching(/^W\/"/),
    });
    expect(response.body.equals(readFileSync(MINT_TARBALL))).toBe(true);
    const again = await rawGet(`${service.url}/packages/reqio-mint.tgz`, { 'if-none-match': String(response.headers.etag), 'accept-encoding': 'gzip, br' });
    expect(again.status).toBe(304);
  });

  it.each([
    ['gzip', gunzipSync],
    ['br', brotliDecompressSync],
  ] as const)('is sent %s-encoded to a client that asks for it', async (encoding, decode) => {
    const response = await rawGet(`${service.url}/packages/reqio-mint.tgz`, { 'accept-encoding': encoding });
    expect(response.headers['content-encoding']).toBe(encoding);
    expect(response.headers.vary).toMatch(/Accept-Encoding/i);
    expect(decode(response.body).equals(readFileSync(MINT_TARBALL))).toBe(true);
  });
});
