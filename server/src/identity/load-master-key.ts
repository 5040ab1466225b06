import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseMasterKey } from '../config/load-config.js';
import { createPrivateDirectory } from '../lib/create-private-directory.js';

/**
 * The key that encrypts project secrets at rest and signs widget sessions. Embedded mode
 * generates it into the data directory (mode 0600) the first time; `REQIO_MASTER_KEY`
 * wins when set, and is required with PostgreSQL (checked by the config).
 */
export function loadMasterKey(options: { masterKey: Buffer | undefined; dataDir: string }): Buffer {
  if (options.masterKey !== undefined) return options.masterKey;
  const keyPath = path.join(options.dataDir, 'master.key');
  if (existsSync(keyPath)) return parseMasterKey(readFileSync(keyPath, 'utf8'), keyPath);
  createPrivateDirectory(options.dataDir);
  const key = randomBytes(32);
  writeFileSync(keyPath, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(keyPath, 0o600);
  return key;
}
