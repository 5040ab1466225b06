import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as { version: string };

// One self-contained IIFE, `dist/widget.js`: Preact bundled in, CSS inlined as a string,
// no chunks, no globals but the `window.Reqio` the code assigns itself.
export default defineConfig({
  root,
  publicDir: false,
  logLevel: 'warn',
  // jsxDev pinned off: Vite turns it on whenever NODE_ENV is not "production" (a build run
  // from a test runner), which would ship file paths and 30% more bytes.
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact', jsxDev: false, legalComments: 'none' },
  define: { __REQIO_VERSION__: JSON.stringify(version) },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    minify: 'esbuild',
    cssMinify: 'esbuild',
    reportCompressedSize: false,
    lib: {
      entry: 'src/index.ts',
      formats: ['iife'],
      name: 'ReqioWidget',
      fileName: () => 'widget.js',
    },
    rollupOptions: { output: { inlineDynamicImports: true } },
  },
});
