import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Paths, not `new URL(…, import.meta.url)`: under happy-dom that resolves against http://localhost.
const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The bundle the API serves as `/widget.js`. */
export const WIDGET_BUNDLE = join(root, 'widget/dist/widget.js');

const newestSource = (directory: string): number =>
  Math.max(
    ...readdirSync(directory, { withFileTypes: true }).map((entry) => {
      const path = join(directory, entry.name);
      return entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs;
    }),
  );

/** The panel file next to the loader (`panel-<hash>.js`), as the last build made it. */
export function widgetPanelFile(): string {
  const source = readFileSync(ensureWidgetBuild(), 'utf8');
  const name = /"(panel-[\w-]+\.js)"/.exec(source)?.[1];
  if (!name) throw new Error('widget.js names no panel-*.js file');
  return join(root, 'widget/dist', name);
}

/**
 * Builds `widget/dist/` (the panel, then the loader `widget.js` that names it) when the
 * loader is missing or older than the widget's sources, so the tests measure and drive the
 * code under test. The build goes to a private directory and is renamed into place, panel
 * first, so suites running side by side never read half a file or a loader without its panel.
 */
export function ensureWidgetBuild(): string {
  const configs = ['vite.panel.config.ts', 'vite.config.ts'].map((name) => join(root, 'widget', name));
  const sources = Math.max(newestSource(join(root, 'widget/src')), ...configs.map((config) => statSync(config).mtimeMs));
  if (existsSync(WIDGET_BUNDLE) && statSync(WIDGET_BUNDLE).mtimeMs >= sources) return WIDGET_BUNDLE;
  const outDir = mkdtempSync(join(root, 'widget/.build-'));
  try {
    for (const config of configs) {
      execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', config, '--outDir', outDir], {
        cwd: root,
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: 'pipe',
      });
    }
    mkdirSync(join(root, 'widget/dist'), { recursive: true });
    const built = readdirSync(outDir);
    for (const name of built.filter((file) => file !== 'widget.js')) renameSync(join(outDir, name), join(root, 'widget/dist', name));
    renameSync(join(outDir, 'widget.js'), WIDGET_BUNDLE);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  return WIDGET_BUNDLE;
}
