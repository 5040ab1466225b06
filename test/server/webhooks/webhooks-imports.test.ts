import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** The files and packages an entry bundles. */
async function bundleInputs(entry: string): Promise<{ files: string[]; packages: string[] }> {
  const result = await build({ entryPoints: [`${root}${entry}`], bundle: true, write: false, metafile: true, platform: 'neutral', format: 'esm', conditions: ['source'], logLevel: 'silent' });
  const inputs = Object.keys(result.metafile.inputs);
  return {
    files: inputs.filter((input) => !input.includes('node_modules/')).sort(),
    packages: [...new Set(inputs.filter((input) => input.includes('node_modules/')).map((input) => input.split('node_modules/')[1]!.split('/')[0]!))],
  };
}

/** Every module URL that importing `specifier` from the built package loads, ESM and CommonJS alike. */
function modulesLoadedBy(specifier: string): { status: number | null; loaded: string[] } {
  const hook = `data:text/javascript,${encodeURIComponent(
    `export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write('LOADED ' + r.url + '\\n'); return r; }`,
  )}`;
  const register = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(hook)});`)}`;
  const run = spawnSync(process.execPath, ['--import', register, '--input-type=module', '-e', `await import(${JSON.stringify(specifier)})`], { cwd: root, encoding: 'utf8' });
  return { status: run.status, loaded: run.stderr.split('\n').filter((line) => line.startsWith('LOADED ')).map((line) => line.slice(7)) };
}

describe('@reqio/server/webhooks stays small', () => {
  it('bundles only the verifier and signer, no package at all, for any runtime (platform neutral)', async () => {
    const { files, packages } = await bundleInputs('server/src/webhooks/index.ts');
    expect(packages).toEqual([]);
    expect(files).toEqual(
      [
        'base64.ts',
        'compute-webhook-signature.ts',
        'decode-webhook-secret.ts',
        'index.ts',
        'sign-webhook-payload.ts',
        'verify-webhook-signature.ts',
        'webhook-verification-error.ts',
      ].map((file) => `server/src/webhooks/${file}`),
    );
  });

  it('loads no dependency at run time (built package)', () => {
    const { status, loaded } = modulesLoadedBy('@reqio/server/webhooks');
    expect(status).toBe(0);
    expect(loaded.some((url) => url.includes('/server/dist/webhooks/index.js'))).toBe(true);
    // Nothing from disk but its own files: no package, not even @reqio/shared.
    expect(loaded.filter((url) => url.startsWith('file:') && !url.includes('/server/dist/webhooks/'))).toEqual([]);
  });
});
