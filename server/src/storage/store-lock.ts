import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { createPrivateDirectory } from '../lib/create-private-directory.js';
import { StoreInUseError } from './store-in-use-error.js';

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Takes the embedded store's lock file, so a second process never opens the same data
 * directory (PGlite is one process's). A lock left by a process that died is taken over.
 * Returns the function that releases it.
 */
export function acquireStoreLock(dataDir: string): () => void {
  createPrivateDirectory(dataDir);
  const lockPath = path.join(dataDir, 'reqio.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isRunning(pid)) {
        throw new StoreInUseError(
          `The embedded store in ${dataDir} is in use by process ${pid} (a running "reqio start"?). ` +
            'Nothing was changed. Stop that process, or use the running service (dashboard or admin API) instead.',
        );
      }
      unlinkSync(lockPath); // stale: its process is gone
    }
  }
  throw new StoreInUseError(`Could not take the lock on the embedded store in ${dataDir}.`);
}
