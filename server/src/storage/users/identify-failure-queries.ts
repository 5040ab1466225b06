import type { Queryable } from '../database.js';
import { toIso, toNumber } from '../row-values.js';

const KEEP_PER_PROJECT = 1000;

/** Records a refused identify (code, origin, time: never the token) and keeps the log bounded. */
export async function insertIdentifyFailure(q: Queryable, failure: { projectId: string; code: string; origin: string | null }): Promise<void> {
  await q.query('insert into identify_failures (project_id, code, origin) values ($1, $2, $3)', [failure.projectId, failure.code, failure.origin]);
  // Trim now and then rather than on every insert.
  if (Math.random() < 0.02) {
    await q.query(
      `delete from identify_failures where project_id = $1 and id < (
         select id from identify_failures where project_id = $1 order by id desc offset $2 limit 1)`,
      [failure.projectId, KEEP_PER_PROJECT],
    );
  }
}

/** The most recent refused identifies, and counts per code over them. */
export async function listIdentifyFailures(
  q: Queryable,
  projectId: string,
  limit: number,
): Promise<{ failures: { code: string; origin: string | null; at: string }[]; counts: Record<string, number> }> {
  const rows = await q.query<{ code: string; origin: string | null; created_at: Date }>(
    'select code, origin, created_at from identify_failures where project_id = $1 order by id desc limit $2',
    [projectId, limit],
  );
  const countRows = await q.query<{ code: string; count: number | string }>(
    `select code, count(*) as count from identify_failures where project_id = $1 and created_at > now() - interval '24 hours' group by code`,
    [projectId],
  );
  return {
    failures: rows.map((row) => ({ code: row.code, origin: row.origin, at: toIso(row.created_at) })),
    counts: Object.fromEntries(countRows.map((row) => [row.code, toNumber(row.count)])),
  };
}
