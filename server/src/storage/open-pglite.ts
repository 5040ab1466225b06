import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Database } from './database.js';
import { pgliteStatements } from './pglite-statements.js';
import { restrictStoreFiles } from './restrict-store-files.js';
import { acquireStoreLock } from './store-lock.js';

/** Sets the process umask and returns the previous one; undefined in a worker thread, which may not (the 0700 directory still guards the files). */
function setUmask(mask: number): number | undefined {
  try {
    return process.umask(mask);
  } catch {
    return undefined;
  }
}

/**
 * Opens the embedded store (PGlite) in `dataDir`, holding its lock until closed.
 * `preparedStatements: false` runs every statement through PGlite's own `query()` (the
 * benchmarks compare the two).
 */
export async function openPglite(dataDir: string | undefined, options: { preparedStatements?: boolean } = {}): Promise<Database> {
  const release = dataDir === undefined ? () => {} : acquireStoreLock(dataDir);
  let pg: PGlite | undefined;
  // The store holds PII and encrypted secrets: new directories 0700 while it runs (umask),
  // its files 0600 (PGlite ignores the umask for files, so they are swept on open and close).
  const previousUmask = dataDir === undefined ? undefined : setUmask(0o077);
  try {
    // pg_trgm ships with PGlite as an extension: similar titles use it as on PostgreSQL.
    pg = await PGlite.create(dataDir === undefined ? undefined : path.join(dataDir, 'pgdata'), { extensions: { pg_trgm } });
    // Prepared statements (pglite-statements.ts) are planned as PostgreSQL plans the named
    // statements of the production store (open-postgres.ts): for their parameters the first
    // five calls, then with a generic plan only when it costs no more than those did. Planning a
    // vote's one statement at every call doubled its cost on the embedded store.
    await pg.exec('set plan_cache_mode = auto');
    if (dataDir !== undefined) restrictStoreFiles(dataDir);
  } catch (error) {
    await pg?.close().catch(() => {});
    if (previousUmask !== undefined) setUmask(previousUmask);
    release();
    throw error;
  }
  let closed = false;
  // Each parameterised text is prepared once and then runs in one call into PGlite (see pglite-statements.ts).
  const statements = pgliteStatements(pg);
  const queries: Pick<Database, 'query' | 'transaction'> =
    options.preparedStatements === false
      ? {
          query: async (sql, params = []) => (await pg.query<never>(sql, params as unknown[])).rows,
          transaction: (work) => pg.transaction((tx) => work({ kind: 'pglite', query: async (sql, params = []) => (await tx.query<never>(sql, params as unknown[])).rows })),
        }
      : {
          query: (sql, params = []) => statements.query(sql, params),
          transaction: (work) => statements.transaction((tx) => work({ kind: 'pglite', query: (sql, params = []) => tx.query(sql, params) })),
        };
  return {
    kind: 'pglite',
    ...queries,
    async exec(sql) {
      // Scripts change the schema (migrations): statements are prepared again.
      await statements.schemaScript(() => pg.exec(sql));
    },
    async listen(channel, onNotification) {
      // One process holds the embedded store, so its notifications are in-process events.
      return statements.listen(channel, onNotification);
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
