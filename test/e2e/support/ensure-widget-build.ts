import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
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

/**
 * Builds `widget/dist/widget.js` when it is missing or older than the widget's sources, so
 * the tests measure and drive the code under test. The build goes to a private directory
 * and is renamed into place, so suites running side by side never read half a file.
 */
export function ensureWidgetBuild(): string {
  const sources = Math.max(newestSource(join(root, 'widget/src')), statSync(join(root, 'widget/vite.config.ts')).mtimeMs);
  if (existsSync(WIDGET_BUNDLE) && statSync(WIDGET_BUNDLE).mtimeMs >= sources) return WIDGET_BUNDLE;
  const outDir = mkdtempSync(join(root, 'widget/.build-'));
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(root, 'widget/vite.config.ts'), '--outDir', outDir], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: 'pipe',
    });
    mkdirSync(join(root, 'widget/dist'), { recursive: true });
    renameSync(join(outDir, 'widget.js'), WIDGET_BUNDLE);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  return WIDGET_BUNDLE;
}
