import { chmodSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Takes group and other permissions off everything under `dir` (files 0600, directories
 * 0700). PGlite's file system sets 0666 on every file it creates whatever the umask, so this
 * runs when the store opens and closes; the 0700 directory guards the files in between.
 */
export function restrictStoreFiles(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) restrictStoreFiles(file);
    else if (entry.isFile()) chmodSync(file, 0o600);
  }
}
