import type { Queryable } from '../database.js';
import { toIso, toNumber } from '../row-values.js';

const KEEP_PER_PROJECT = 1000;

/** A refused identify as the dashboard's log shows it: never the token. */
export interface IdentifyFailure {
  code: string;
  origin: string | null;
  at: string;
  /** With `audience_mismatch`: what the project expects, and what the token carried. */
  expectedAudience: string | null;
  receivedAudience: string | null;
}

/** Records a refused identify (code, origin, time, the audiences of a mismatch: never the token) and keeps the log bounded. */
export async function insertIdentifyFailure(
  q: Queryable,
  failure: { projectId: string; code: string; origin: string | null; expectedAudience?: string | null; receivedAudience?: string | null },
): Promise<void> {
  await q.query('insert into identify_failures (project_id, code, origin, expected_audience, received_audience) values ($1, $2, $3, $4, $5)', [
    failure.projectId,
    failure.code,
    failure.origin,
    failure.expectedAudience ?? null,
    failure.receivedAudience ?? null,
  ]);
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
): Promise<{ failures: IdentifyFailure[]; counts: Record<string, number> }> {
  const rows = await q.query<{ code: string; origin: string | null; created_at: Date; expected_audience: string | null; received_audience: string | null }>(
    'select code, origin, created_at, expected_audience, received_audience from identify_failures where project_id = $1 order by id desc limit $2',
    [projectId, limit],
  );
  const countRows = await q.query<{ code: string; count: number | string }>(
    `select code, count(*) as count from identify_failures where project_id = $1 and created_at > now() - interval '24 hours' group by code`,
    [projectId],
  );
  return {
    failures: rows.map((row) => ({
      code: row.code,
      origin: row.origin,
      at: toIso(row.created_at),
      expectedAudience: row.expected_audience,
      receivedAudience: row.received_audience,
    })),
    counts: Object.fromEntries(countRows.map((row) => [row.code, toNumber(row.count)])),
  };
}
