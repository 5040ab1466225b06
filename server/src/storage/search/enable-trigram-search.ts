import type { Database, Queryable } from '../database.js';

// Which schema holds pg_trgm, per store: null when the store has no pg_trgm (similar titles
// then use full-text search). Looked up once per store.
const trigramSchemas = new WeakMap<Queryable, Promise<string | null>>();

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function findTrigramSchema(q: Queryable): Promise<string | null> {
  const [row] = await q.query<{ schema: string }>(
    `select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`,
  );
  return row?.schema ?? null;
}

/**
 * Installs `pg_trgm` where it can (PGlite loads it; on PostgreSQL it needs the extension
 * to be available and the right to create it) and indexes request titles with it. The
 * extension goes to `public` when that schema exists, so a store living in a schema of its
 * own (tests, hosted set-ups) never owns it. Never fails: without `pg_trgm`, similar titles
 * fall back to full-text search. Returns the extension's schema, or null.
 */
export async function enableTrigramSearch(db: Database): Promise<string | null> {
  let schema = await findTrigramSchema(db);
  if (schema === null) {
    try {
      const [publicSchema] = await db.query(`select 1 from pg_namespace where nspname = 'public'`);
      await db.exec(`create extension if not exists pg_trgm${publicSchema ? ' with schema public' : ''}`);
    } catch {
      // Not available, not allowed, or another instance created it at the same moment.
    }
    schema = await findTrigramSchema(db);
  }
  if (schema !== null) {
    try {
      // GiST, not GIN: it walks titles nearest first (KNN), so the 5 most alike cost a few index pages.
      await db.exec(`create index if not exists request_search_title_trigram on request_search using gist (title ${quoteIdentifier(schema)}.gist_trgm_ops)`);
    } catch {
      // Another instance is creating it: the operators work meanwhile, only slower.
    }
  }
  trigramSchemas.set(db, Promise.resolve(schema));
  return schema;
}

/** The schema of `pg_trgm` on this store, or null when similar titles must use full-text search. */
export function trigramSchema(db: Queryable): Promise<string | null> {
  let known = trigramSchemas.get(db);
  if (known === undefined) {
    known = findTrigramSchema(db).catch(() => null);
    trigramSchemas.set(db, known);
  }
  return known;
}
