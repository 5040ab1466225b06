import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/src/storage/open-database.js';
import { loadMasterKey } from '../../../server/src/identity/load-master-key.js';

async function modes(root: string): Promise<Map<string, number>> {
  const found = new Map<string, number>([[root, (await stat(root)).mode & 0o777]]);
  for (const entry of await readdir(root, { recursive: true })) {
    const file = path.join(root, entry);
    found.set(file, (await stat(file)).mode & 0o777);
  }
  return found;
}

// Issue 13, finding 3: PGlite's files under pgdata/ were 0666, pg_hba.conf included.
describe('the embedded store on disk', () => {
  let parent: string | undefined;
  afterEach(async () => {
    if (parent !== undefined) await rm(parent, { recursive: true, force: true });
  });

  it('keeps the data directory 0700 and every file in it readable by its owner only', async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'reqio-perms-'));
    const dataDir = path.join(parent, '.reqio');
    loadMasterKey({ masterKey: undefined, dataDir });
    const db = await openDatabase({ databaseUrl: undefined, dataDir });
    try {
      expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
      await db.query('create table scratch (value text)');
      await db.query("insert into scratch values ('pii')");
    } finally {
      await db.close();
    }
    const open = [...(await modes(dataDir))].filter(([, mode]) => (mode & 0o077) !== 0).map(([file, mode]) => `${path.relative(dataDir, file)} ${mode.toString(8)}`);
    expect(open).toEqual([]);
    expect((await stat(path.join(dataDir, 'pgdata', 'pg_hba.conf'))).mode & 0o777).toBe(0o600);
  });

  it('tightens a store an older version left open', async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'reqio-perms-'));
    const dataDir = path.join(parent, '.reqio');
    const first = await openDatabase({ databaseUrl: undefined, dataDir });
    await first.close();
    const { chmod } = await import('node:fs/promises');
    await chmod(dataDir, 0o755);
    await chmod(path.join(dataDir, 'pgdata', 'pg_hba.conf'), 0o666);
    const again = await openDatabase({ databaseUrl: undefined, dataDir });
    try {
      expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
      expect((await stat(path.join(dataDir, 'pgdata', 'pg_hba.conf'))).mode & 0o777).toBe(0o600);
    } finally {
      await again.close();
    }
  });
});
