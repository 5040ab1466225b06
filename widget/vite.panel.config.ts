import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The panel: `dist/panel-<hash>.js`, one self-contained IIFE (Preact and the CSS inside)
// that widget.js loads on the first open or when the browser is idle. Built before the
// loader, which takes its hashed name (see vite.config.ts). Hashed, so cached for good.
export default defineConfig({
  root,
  publicDir: false,
  logLevel: 'warn',
  // jsxDev pinned off: Vite turns it on whenever NODE_ENV is not "production" (a build run
  // from a test runner), which would ship file paths and 30% more bytes.
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact', jsxDev: false, legalComments: 'none' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    minify: 'esbuild',
    cssMinify: 'esbuild',
    reportCompressedSize: false,
    modulePreload: false,
    rollupOptions: {
      input: root + 'src/panel/index.ts',
      output: { format: 'iife', entryFileNames: 'panel-[hash].js', inlineDynamicImports: true },
    },
  },
});
