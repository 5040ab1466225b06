import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from '../../../server/src/storage/open-pglite.js';
import { acquireStoreLock } from '../../../server/src/storage/store-lock.js';
import { StoreInUseError } from '../../../server/src/storage/store-in-use-error.js';

describe('the embedded store is one process\'s', () => {
  it('refuses a second opener while another process holds it, and says who', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'reqio-lock-'));
    // A live process that is not us: a sleeping child.
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(path.join(dir, 'reqio.lock'), String(child.pid));
      expect(() => acquireStoreLock(dir)).toThrow(StoreInUseError);
      expect(() => acquireStoreLock(dir)).toThrow(`in use by process ${child.pid}`);
    } finally {
      child.kill();
    }
  });

  it('takes over a lock left by a process that died', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'reqio-lock-'));
    writeFileSync(path.join(dir, 'reqio.lock'), '999999999');
    const release = acquireStoreLock(dir);
    release();
  });

  it('releases the lock on close, so the store can be opened again', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'reqio-lock-'));
    const first = await openPglite(dir);
    await first.query('create table t (x int)');
    await first.query('insert into t values (42)');
    await first.close();
    const second = await openPglite(dir);
    expect(await second.query('select x from t')).toEqual([{ x: 42 }]);
    await second.close();
  });
});
