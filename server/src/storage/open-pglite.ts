import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Database, Queryable } from './database.js';
import { restrictStoreFiles } from './restrict-store-files.js';
import { acquireStoreLock } from './store-lock.js';

const wrap = (pg: { query: PGlite['query'] }): Queryable & { kind: 'pglite' } => ({
  kind: 'pglite',
  async query<Row>(sql: string, params: readonly unknown[] = []) {
    return (await pg.query<Row>(sql, params as unknown[])).rows;
  },
});

/** Sets the process umask and returns the previous one; undefined in a worker thread, which may not (the 0700 directory still guards the files). */
function setUmask(mask: number): number | undefined {
  try {
    return process.umask(mask);
  } catch {
    return undefined;
  }
}

/** Opens the embedded store (PGlite) in `dataDir`, holding its lock until closed. */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  const release = dataDir === undefined ? () => {} : acquireStoreLock(dataDir);
  let pg: PGlite;
  // The store holds PII and encrypted secrets: new directories 0700 while it runs (umask),
  // its files 0600 (PGlite ignores the umask for files, so they are swept on open and close).
  const previousUmask = dataDir === undefined ? undefined : setUmask(0o077);
  try {
    // pg_trgm ships with PGlite as an extension: similar titles use it as on PostgreSQL.
    pg = await PGlite.create(dataDir === undefined ? undefined : path.join(dataDir, 'pgdata'), { extensions: { pg_trgm } });
    if (dataDir !== undefined) restrictStoreFiles(dataDir);
  } catch (error) {
    if (previousUmask !== undefined) setUmask(previousUmask);
    release();
    throw error;
  }
  let closed = false;
  return {
    ...wrap(pg),
    transaction: (work) => pg.transaction((tx) => work(wrap(tx))),
    async exec(sql) {
      await pg.exec(sql);
    },
    async listen(channel, onNotification) {
      // One process holds the embedded store, so its notifications are in-process events.
      return pg.listen(channel, onNotification);
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await pg.close();
        if (dataDir !== undefined) restrictStoreFiles(dataDir);
      } finally {
        if (previousUmask !== undefined) setUmask(previousUmask);
        release();
      }
    },
  };
}
