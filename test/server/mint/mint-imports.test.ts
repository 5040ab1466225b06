import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const forbidden = /node_modules\/(express|pg|pg-pool|@electric-sql|ioredis|pino|prom-client|rate-limiter-flexible|body-parser)\//;

describe('@reqio/server/mint stays small', () => {
  it('bundles only jose, zod and our own mint and shared code', async () => {
    const result = await build({
      entryPoints: [`${root}server/src/mint/index.ts`],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      conditions: ['source'],
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => forbidden.test(input))).toEqual([]);
    const packages = new Set(inputs.filter((i) => i.includes('node_modules/')).map((i) => i.split('node_modules/')[1]!.split('/')[0]));
    expect([...packages].sort()).toEqual(['jose', 'zod']);
    expect(inputs.filter((i) => i.startsWith('server/src/')).every((i) => i.startsWith('server/src/mint/') || i.startsWith('server/src/lib/'))).toBe(true);
  });

  it('loads neither Express nor a database driver at run time (built package)', () => {
    // A resolve hook records every module the import pulls in, ESM and CommonJS alike.
    const hook = `data:text/javascript,${encodeURIComponent(
      `export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write('LOADED ' + r.url + '\\n'); return r; }`,
    )}`;
    const register = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(hook)});`)}`;
    const run = spawnSync(process.execPath, ['--import', register, '--input-type=module', '-e', "await import('@reqio/server/mint')"], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    const loaded = run.stderr.split('\n').filter((line) => line.startsWith('LOADED ')).map((line) => line.slice(7));
    expect(loaded.some((url) => url.includes('/server/dist/mint/index.js'))).toBe(true);
    expect(loaded.some((url) => url.includes('node_modules/jose/'))).toBe(true);
    expect(loaded.filter((url) => forbidden.test(url))).toEqual([]);
  });
});
