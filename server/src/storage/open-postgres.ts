import pg from 'pg';
import type { Database, Queryable } from './database.js';
import { listenOnPostgres } from './listen-on-postgres.js';

// bigint columns (sums of cents) come back as numbers, as PGlite returns them.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const RETRYABLE = new Set(['40P01', '40001']);
// Deadlocks between identifies moving people between companies and concurrent votes can repeat
// under a burst: retry a few times, each after a short random pause so the same transactions
// do not meet again in the same order.
const MAX_ATTEMPTS = 6;
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));

/**
 * Opens a PostgreSQL pool: the production store, shared by every instance. `schema` puts
 * every table in that schema (tests use one schema per run).
 */
export async function openPostgres(
  connectionString: string,
  options: { max?: number; schema?: string; /** Attempts per transaction on a deadlock (tests set 1 to prove there is none). */ maxAttempts?: number } = {},
): Promise<Database> {
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    types,
    ...(options.schema !== undefined && { options: `-c search_path=${options.schema}` }),
  });
  // An idle client's error (the server restarted) must not crash the process.
  pool.on('error', () => {});
  await pool.query('select 1');
  const query: Queryable['query'] = async <Row>(sql: string, params: readonly unknown[] = []) =>
    (await pool.query(sql, params as unknown[])).rows as Row[];
  return {
    kind: 'postgres',
    query,
    async transaction(work) {
      for (let attempt = 1; ; attempt += 1) {
        const client = await pool.connect();
        let released = false;
        try {
          await client.query('begin');
          const result = await work({ kind: 'postgres', query: async (sql, params = []) => (await client.query(sql, params as unknown[])).rows });
          await client.query('commit');
          return result;
        } catch (error) {
          await client.query('rollback').catch(() => {});
          // A deadlock or serialization failure is safe to run again from the start.
          if (attempt < maxAttempts && RETRYABLE.has((error as { code?: string }).code ?? '')) {
            client.release();
            released = true;
            await pause(attempt);
            continue;
          }
          throw error;
        } finally {
          if (!released) client.release();
        }
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    listen: (channel, onNotification, onGap) => listenOnPostgres(connectionString, channel, onNotification, onGap),
    close: () => pool.end(),
  };
}
