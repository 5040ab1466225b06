import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('@reqio/server/client stays small', () => {
  it('bundles only the client, no package at all, for any runtime (platform neutral)', async () => {
    const result = await build({
      entryPoints: [`${root}server/src/client/index.ts`],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'neutral',
      format: 'esm',
      conditions: ['source'],
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => input.includes('node_modules/'))).toEqual([]);
    expect(inputs.every((input) => input.startsWith('server/src/client/'))).toBe(true);
  });

  it('loads no dependency at run time: no Express, no database driver, no zod (built package)', () => {
    const hook = `data:text/javascript,${encodeURIComponent(
      `export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write('LOADED ' + r.url + '\\n'); return r; }`,
    )}`;
    const register = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(hook)});`)}`;
    const run = spawnSync(process.execPath, ['--import', register, '--input-type=module', '-e', "const { ReqioClient } = await import('@reqio/server/client'); new ReqioClient({ baseUrl: 'http://127.0.0.1:1', apiKey: 'rq_ak_x', projectId: 'prj_x' });"], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    const loaded = run.stderr.split('\n').filter((line) => line.startsWith('LOADED ')).map((line) => line.slice(7));
    expect(loaded.some((url) => url.includes('/server/dist/client/index.js'))).toBe(true);
    // Nothing from disk but its own files: no package, not even @reqio/shared (its types are erased).
    expect(loaded.filter((url) => url.startsWith('file:') && !url.includes('/server/dist/client/'))).toEqual([]);
  });
});
