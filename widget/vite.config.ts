import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * Writes the panel's hashed file name (built first, into the same outDir, by
 * vite.panel.config.ts) where the loader says `__REQIO_PANEL__`.
 */
function panelFileName(): Plugin {
  let outDir = '';
  return {
    name: 'reqio-panel-file-name',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    transform(code) {
      if (!code.includes('__REQIO_PANEL__')) return null;
      const panel = readdirSync(outDir).find((name) => /^panel-[\w-]+\.js$/.test(name));
      if (!panel) throw new Error(`no panel-*.js in ${outDir}: build it first (vite build --config vite.panel.config.ts)`);
      return code.replaceAll('__REQIO_PANEL__', JSON.stringify(panel));
    },
  };
}

// The loader, `dist/widget.js`: one self-contained IIFE with no Preact (the launcher is
// plain DOM), the CSS inlined as a string, no globals but the `window.Reqio` it assigns.
export default defineConfig({
  root,
  publicDir: false,
  logLevel: 'warn',
  esbuild: { legalComments: 'none' },
  define: { __REQIO_VERSION__: JSON.stringify(version) },
  plugins: [panelFileName()],
  build: {
    outDir: 'dist',
    // The panel is already there.
    emptyOutDir: false,
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
