import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const dashboard = join(root, 'server/dashboard');
/** The built dashboard the service serves at /dashboard. */
export const DASHBOARD_DIST = join(dashboard, 'dist');

const newest = (directory: string): number =>
  Math.max(
    ...readdirSync(directory, { withFileTypes: true }).map((entry) => {
      const path = join(directory, entry.name);
      return entry.isDirectory() ? newest(path) : statSync(path).mtimeMs;
    }),
  );

/**
 * Builds the dashboard when it is missing or older than its sources, so the browser drives
 * the code under test. Built aside and renamed into place, so a running server never
 * serves half a build.
 */
export function ensureDashboardBuild(): void {
  const index = join(DASHBOARD_DIST, 'index.html');
  const sources = Math.max(newest(join(dashboard, 'src')), statSync(join(dashboard, 'index.html')).mtimeMs, statSync(join(dashboard, 'vite.config.ts')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const outDir = mkdtempSync(join(dashboard, '.build-'));
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(dashboard, 'vite.config.ts'), '--outDir', outDir], {
      cwd: root,
      stdio: 'pipe',
    });
    rmSync(DASHBOARD_DIST, { recursive: true, force: true });
    renameSync(outDir, DASHBOARD_DIST);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
