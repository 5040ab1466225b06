import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const e2eDirectory = join(dirname(fileURLToPath(import.meta.url)), '..');
const repositoryRoot = join(e2eDirectory, '../..');

/**
 * Where a screenshot goes: the README's committed copy in `test/e2e/__screenshots__/` when
 * `UPDATE_SCREENSHOTS=1`, otherwise `test-results/screenshots/` (ignored by git), so a
 * test run never dirties the work tree with pixels that differ only by ports and ids.
 */
export function screenshotPath(name: string): string {
  const directory = process.env.UPDATE_SCREENSHOTS === '1' ? join(e2eDirectory, '__screenshots__') : join(repositoryRoot, 'test-results/screenshots');
  mkdirSync(directory, { recursive: true });
  return join(directory, `${name}.png`);
}
