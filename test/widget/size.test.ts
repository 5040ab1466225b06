import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ensureWidgetBuild, widgetPanelFile } from '../e2e/support/ensure-widget-build.js';

/** The budgets: the loader runs on every page of the host's app; the panel loads when wanted. */
const BUDGETS = { loader: 5 * 1024, panel: 14 * 1024 };

const measure = (file: string) => {
  const bundle = readFileSync(file);
  const gzip = gzipSync(bundle, { level: 9 }).length;
  const brotli = brotliCompressSync(bundle, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`${basename(file)}: ${bundle.length} B raw, ${gzip} B gzip, ${brotli} B brotli`);
  return { source: bundle.toString('utf8'), gzip };
};

/** One self-contained IIFE that defines no global, without zod and without development JSX. */
const expectSelfContained = (source: string) => {
  expect(source.startsWith('(function(){')).toBe(true);
  expect(source.trimEnd().endsWith('})();')).toBe(true);
  expect(source).not.toMatch(/\bimport\s*\(|\brequire\(/);
  // zod and the shared schemas must not ride along with the types.
  expect(source).not.toContain('zod');
  expect(source).not.toContain('ZodError');
  // A production build: no development JSX with the builder's file paths.
  expect(source).not.toContain('fileName:');
  expect(source).not.toContain('/widget/src/');
};

// Preact's attribute test; its presence means Preact was bundled.
const PREACT_MARKER = 'acit|ex(?:s|g|n|p|$)';

describe('widget/dist/widget.js, the loader', () => {
  const { source, gzip } = measure(ensureWidgetBuild());

  it(`stays within ${BUDGETS.loader} bytes gzipped`, () => {
    expect(gzip).toBeLessThanOrEqual(BUDGETS.loader);
  });

  it('is one self-contained IIFE without Preact that names its hashed panel', () => {
    expectSelfContained(source);
    expect(source).not.toContain(PREACT_MARKER);
    expect(source).toMatch(/"panel-[\w-]{8,}\.js"/);
  });
});

describe('widget/dist/panel-<hash>.js, the panel', () => {
  const { source, gzip } = measure(widgetPanelFile());

  it(`stays within ${BUDGETS.panel} bytes gzipped`, () => {
    expect(gzip).toBeLessThanOrEqual(BUDGETS.panel);
  });

  it('is one self-contained IIFE with Preact that leaves the session logic to the loader', () => {
    expectSelfContained(source);
    expect(source).toContain(PREACT_MARKER);
    // The session client and the transport live in the loader alone.
    expect(source).not.toContain('/identify');
    expect(source).not.toContain('credentials');
  });
});
