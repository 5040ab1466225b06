import type { Database } from '../../server/src/storage/database.js';

/** Resolves once some PostgreSQL session waits for a lock the backend `pid` holds (5 s at most). */
export async function waitUntilBlockedBy(db: Database, pid: number, what: string): Promise<void> {
  for (let waited = 0; ; waited += 20) {
    const [row] = await db.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where $1::int = any(pg_blocking_pids(pid))', [pid]);
    if (row!.n > 0) return;
    if (waited > 5000) throw new Error(`${what} never waited`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
