import type { Queryable } from '../database.js';
import { voterKey, type Voter } from '../requests/request-queries.js';
import { toIso } from '../row-values.js';

/** What happened to a request its voters and commenters hear about. */
export type RequestUpdateKind = 'status' | 'reply';

/** Records that a request's status changed or the team replied; returns the update's id (the change's key). */
export async function insertRequestUpdate(
  q: Queryable,
  update: { id: string; projectId: string; requestId: string; kind: RequestUpdateKind; status?: string | undefined },
): Promise<void> {
  await q.query('insert into request_updates (id, project_id, request_id, kind, status) values ($1, $2, $3, $4, $5)', [
    update.id,
    update.projectId,
    update.requestId,
    update.kind,
    update.status ?? null,
  ]);
}

// Who reads the updates (voterKey): a user or an anonymous id, one row per project.

/**
 * The updates `voter` has not seen, newest first: changes since they last looked to the
 * requests they voted for or commented on, made after they did.
 */
export async function listUnseenUpdates(
  q: Queryable,
  projectId: string,
  voter: Voter,
  limit: number,
): Promise<{ requestId: string; kind: RequestUpdateKind; at: string }[]> {
  const column = voter.userId !== undefined ? 'user_id' : 'anonymous_id';
  const commentColumn = voter.userId !== undefined ? 'author_user_id' : 'author_anonymous_id';
  const rows = await q.query<{ request_id: string; kind: RequestUpdateKind; at: Date }>(
    `select u.request_id, u.kind, u.at from request_updates u
     where u.project_id = $1
       and u.at > coalesce((select seen_at from update_reads where project_id = $1 and reader = $3), '-infinity'::timestamptz)
       and (exists (select 1 from votes v where v.request_id = u.request_id and v.${column} = $2 and v.created_at < u.at)
         or exists (select 1 from comments c where c.request_id = u.request_id and c.${commentColumn} = $2 and c.created_at < u.at))
     order by u.at desc, u.id desc limit $4`,
    [projectId, voter.userId ?? voter.anonymousId, voterKey(voter), limit],
  );
  return rows.map((row) => ({ requestId: row.request_id, kind: row.kind, at: toIso(row.at) }));
}

/** Marks every update up to now as seen by `voter`. */
export async function markUpdatesSeen(q: Queryable, projectId: string, voter: Voter): Promise<void> {
  await q.query(
    `insert into update_reads (project_id, reader, seen_at) values ($1, $2, now())
     on conflict (project_id, reader) do update set seen_at = greatest(update_reads.seen_at, excluded.seen_at)`,
    [projectId, voterKey(voter)],
  );
}
