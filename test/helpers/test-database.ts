import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../server/src/storage/database.js';
import { migrate } from '../../server/src/storage/migrate.js';
import { openPglite } from '../../server/src/storage/open-pglite.js';
import { openPostgres } from '../../server/src/storage/open-postgres.js';

/** The stores the storage and HTTP suites run on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export type StoreKind = 'pglite' | 'postgres';
export const storeKinds: StoreKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** A migrated, empty store: in-memory PGlite, or a schema of its own in the test PostgreSQL, dropped on close. */
export async function openTestDatabase(kind: StoreKind, options: { maxAttempts?: number } = {}): Promise<Database> {
  if (kind === 'pglite') {
    const db = await openPglite(undefined);
    await migrate(db);
    return db;
  }
  const schema = await createTestSchema();
  const db = await openPostgres(process.env.TEST_DATABASE_URL!, { schema: schema.name, max: 10, ...options });
  await migrate(db);
  return {
    ...db,
    async close() {
      await db.close();
      await schema.drop();
    },
  };
}

/**
 * A fresh schema in the test PostgreSQL, as a DATABASE_URL whose connections use it (for
 * services spawned as processes); `drop` removes it.
 */
export async function createTestSchema(): Promise<{ name: string; databaseUrl: string; drop(): Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `reqio_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const databaseUrl = new URL(url);
  databaseUrl.searchParams.set('options', `-c search_path=${schema}`);
  return {
    name: schema,
    databaseUrl: databaseUrl.href,
    async drop() {
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}
