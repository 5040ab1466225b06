import type { AuditAction, AuditActor, AuditEntry } from '@reqio/shared';
import type { Queryable } from '../database.js';
import { toIso } from '../row-values.js';

/** An entry to append: what happened, by whom, to what, in which project (null: the whole team). */
export interface NewAuditEntry {
  at: Date;
  projectId: string | null;
  actor: AuditActor;
  action: AuditAction;
  target?: string;
  changes?: Record<string, unknown>;
}

/** Appends one entry; the table refuses updates and deletes. */
export async function insertAuditEntry(q: Queryable, entry: NewAuditEntry): Promise<void> {
  await q.query(
    'insert into audit_log (at, project_id, actor_kind, actor_id, actor_name, action, target, changes) values ($1, $2, $3, $4, $5, $6, $7, $8)',
    [
      entry.at,
      entry.projectId,
      entry.actor.kind,
      entry.actor.id,
      entry.actor.name ?? null,
      entry.action,
      entry.target ?? null,
      entry.changes === undefined ? null : JSON.stringify(entry.changes),
    ],
  );
}

type AuditRow = {
  seq: number | string;
  at: Date;
  project_id: string | null;
  actor_kind: AuditActor['kind'];
  actor_id: string | null;
  actor_name: string | null;
  action: AuditAction;
  target: string | null;
  changes: Record<string, unknown> | string | null;
};

const toEntry = (row: AuditRow): AuditEntry => ({
  id: String(row.seq),
  at: toIso(row.at),
  projectId: row.project_id,
  actor: { kind: row.actor_kind, id: row.actor_id, ...(row.actor_name !== null && { name: row.actor_name }) },
  action: row.action,
  ...(row.target !== null && { target: row.target }),
  ...(row.changes !== null && { changes: typeof row.changes === 'string' ? (JSON.parse(row.changes) as Record<string, unknown>) : row.changes }),
});

/**
 * A project's entries and the team's own (members), newest first: `limit + 1` are read so
 * the caller knows whether another page exists.
 */
export async function listAuditEntries(q: Queryable, projectId: string, page: { offset: number; limit: number; action?: AuditAction | undefined }): Promise<AuditEntry[]> {
  const rows = await q.query<AuditRow>(
    `select seq, at, project_id, actor_kind, actor_id, actor_name, action, target, changes from audit_log
     where (project_id = $1 or project_id is null) and ($2::text is null or action = $2)
     order by seq desc offset $3 limit $4`,
    [projectId, page.action ?? null, page.offset, page.limit],
  );
  return rows.map(toEntry);
}
