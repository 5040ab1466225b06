import { createHash } from 'node:crypto';
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

// Statements are prepared once per connection (named after a hash of their text), so
// PostgreSQL parses and plans each query text once per connection instead of on every call.
// Texts are a fixed set written in storage/, bounded here all the same.
const MAX_NAMED = 1_000;
const names = new Map<string, string>();
function statementName(text: string): string | undefined {
  const known = names.get(text);
  if (known !== undefined || names.size >= MAX_NAMED) return known;
  const name = `q${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
  names.set(text, name);
  return name;
}
// "cached plan must not change result type": a table changed (a migration on another instance).
const STALE_PLAN = '0A000';
const isStalePlan = (error: unknown) => (error as { code?: string }).code === STALE_PLAN && /cached plan/.test((error as Error).message);
// Only statements with parameters: a script without any keeps the simple protocol (several statements in one text).
const statement = (text: string, params: readonly unknown[]): pg.QueryConfig =>
  params.length === 0 ? { text } : { text, values: params as unknown[], name: statementName(text) };

/**
 * Opens a PostgreSQL pool: the production store, shared by every instance. `schema` puts
 * every table in that schema (tests use one schema per run).
 */
export async function openPostgres(
  connectionString: string,
  options: { max?: number; schema?: string; /** Attempts per transaction (or single statement) on a deadlock (tests set 1 to prove there is none). */ maxAttempts?: number } = {},
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
  // After a stale plan every connection's prepared statements may be stale: each connection
  // older than the last stale plan seen is dropped when next taken from the pool.
  let epoch = 0;
  const epochs = new WeakMap<pg.PoolClient, number>();
  async function acquire(): Promise<pg.PoolClient> {
    for (;;) {
      const client = await pool.connect();
      const seen = epochs.get(client);
      if (seen === undefined || seen === epoch) {
        epochs.set(client, epoch);
        return client;
      }
      client.release(true);
    }
  }
  const dropStale = (client: pg.PoolClient, error: unknown): boolean => {
    if (!isStalePlan(error)) return false;
    epoch += 1;
    client.release(true);
    return true;
  };
  const query: Queryable['query'] = async <Row>(sql: string, params: readonly unknown[] = []) => {
    for (let attempt = 1; ; attempt += 1) {
      const client = await acquire();
      try {
        const { rows } = await client.query(statement(sql, params));
        client.release();
        return rows as Row[];
      } catch (error) {
        // A statement prepared before a migration (here or on another instance) changed its
        // table: the connection and its prepared statements are dropped, and the query runs again.
        // A statement that lost a deadlock (one statement is its own transaction: it left
        // nothing behind, as a vote in one statement) runs again after a short pause.
        if (!dropStale(client, error)) client.release();
        const again = isStalePlan(error) || RETRYABLE.has((error as { code?: string }).code ?? '');
        if (!again || attempt >= (isStalePlan(error) ? MAX_ATTEMPTS : maxAttempts)) throw error;
        await pause(attempt);
      }
    }
  };
  return {
    kind: 'postgres',
    query,
    async transaction(work) {
      for (let attempt = 1; ; attempt += 1) {
        const client = await acquire();
        let released = false;
        try {
          await client.query('begin');
          const result = await work({ kind: 'postgres', query: async (sql, params = []) => (await client.query(statement(sql, params))).rows });
          await client.query('commit');
          return result;
        } catch (error) {
          await client.query('rollback').catch(() => {});
          // A deadlock, a serialization failure or a stale plan is safe to run again from the start.
          if (isStalePlan(error) ? attempt < MAX_ATTEMPTS : attempt < maxAttempts && RETRYABLE.has((error as { code?: string }).code ?? '')) {
            // After a stale plan, the connection's prepared statements go with it.
            if (!dropStale(client, error)) client.release();
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
