import { chmodSync, mkdirSync } from 'node:fs';

/** Creates a directory 0700 (or makes an existing one so): no other local user may enter it. */
export function createPrivateDirectory(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}
