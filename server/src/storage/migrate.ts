import type { Database } from './database.js';
import { migrations as defaultMigrations } from './migrations/index.js';
import { enableTrigramSearch } from './search/enable-trigram-search.js';

// Any constant works; it only has to be the same for every instance.
const MIGRATION_LOCK = 7_263_001;

/**
 * Applies the migrations not yet applied, each in its own transaction. Instances starting
 * together against one PostgreSQL take turns through an advisory lock.
 */
export async function migrate(db: Database, migrations = defaultMigrations): Promise<number[]> {
  await db.exec(`create table if not exists schema_migrations (
    version integer primary key,
    name text not null,
    applied_at timestamptz not null default now()
  )`);
  const applied: number[] = [];
  for (const migration of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const existing = await tx.query('select 1 from schema_migrations where version = $1', [migration.version]);
      if (existing.length > 0) return false;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  // Optional, so not a migration: similar titles fall back to full text without pg_trgm.
  if (migrations === defaultMigrations) await enableTrigramSearch(db);
  return applied;
}

/**
 * Splits a migration script on the semicolons that end statements: one at the end of a line,
 * outside a dollar-quoted body (a function's `$$ … $$`, whose own lines end in semicolons).
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  sql.split('$$').forEach((piece, index) => {
    if (index % 2 === 1) {
      current += `$$${piece}$$`;
      return;
    }
    const parts = piece.split(/;\s*\n/);
    current += parts[0];
    for (const part of parts.slice(1)) {
      statements.push(current);
      current = part;
    }
  });
  statements.push(current);
  return statements.map((statement) => statement.trim().replace(/;$/, '')).filter((statement) => statement.length > 0);
}
