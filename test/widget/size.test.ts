import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ensureWidgetBuild } from '../e2e/support/ensure-widget-build.js';

/** The widget's budget: it loads on every page of the host's app. */
const BUDGET_GZIP_BYTES = 12 * 1024;

describe('widget/dist/widget.js', () => {
  const bundle = readFileSync(ensureWidgetBuild());
  const gzip = gzipSync(bundle, { level: 9 }).length;
  const brotli = brotliCompressSync(bundle, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

  it(`stays within ${BUDGET_GZIP_BYTES} bytes gzipped`, () => {
    console.log(`widget.js: ${bundle.length} B raw, ${gzip} B gzip, ${brotli} B brotli`);
    expect(gzip).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
  });

  it('is one self-contained IIFE that defines no global but window.Reqio', () => {
    const source = bundle.toString('utf8');
    expect(source.startsWith('(function(){')).toBe(true);
    expect(source.trimEnd().endsWith('})();')).toBe(true);
    expect(source).not.toMatch(/\bimport\s*\(|\brequire\(/);
    // zod and the shared schemas must not ride along with the types.
    expect(source).not.toContain('zod');
    expect(source).not.toContain('ZodError');
    // A production build: no development JSX with the builder's file paths.
    expect(source).not.toContain('fileName:');
    expect(source).not.toContain('/widget/src/');
  });
});
