import type { Queryable } from '../database.js';
import type { Voter } from '../requests/request-queries.js';
import { toIso } from '../row-values.js';

/** A comment as stored, with what the widget and the team need of its author. */
export interface CommentRecord {
  id: string;
  requestId: string;
  projectId: string;
  body: string;
  /** Written by the team (a reply or an internal note). */
  team: boolean;
  /** An internal note: never shown in the widget. */
  internal: boolean;
  authorUserId: string | null;
  authorAnonymousId: string | null;
  /** The author's name (a user's, from their token), or null. */
  authorName: string | null;
  /** The author's own id (the token's sub) and email, for the team. */
  authorExternalId: string | null;
  authorEmail: string | null;
  createdAt: string;
}

type CommentRow = {
  id: string;
  request_id: string;
  project_id: string;
  body: string;
  team: boolean;
  internal: boolean;
  author_user_id: string | null;
  author_anonymous_id: string | null;
  author_name: string | null;
  author_external_id: string | null;
  author_email: string | null;
  created_at: Date;
};

const toComment = (row: CommentRow): CommentRecord => ({
  id: row.id,
  requestId: row.request_id,
  projectId: row.project_id,
  body: row.body,
  team: row.team,
  internal: row.internal,
  authorUserId: row.author_user_id,
  authorAnonymousId: row.author_anonymous_id,
  authorName: row.author_name,
  authorExternalId: row.author_external_id,
  authorEmail: row.author_email,
  createdAt: toIso(row.created_at),
});

const SELECT_COMMENT = `select c.*, u.name as author_name, u.external_id as author_external_id, u.email as author_email
  from comments c left join users u on u.id = c.author_user_id`;

/** Who writes a comment: a widget user (identified or anonymous), or the team (a member, or an API key when `memberId` is null). */
export type CommentAuthor = { voter: Voter } | { team: { memberId: string | null; internal: boolean } };

/** Stores a comment on a request and returns it with its author. */
export async function insertComment(
  q: Queryable,
  comment: { id: string; requestId: string; projectId: string; body: string; author: CommentAuthor },
): Promise<CommentRecord> {
  const voter = 'voter' in comment.author ? comment.author.voter : undefined;
  const team = 'team' in comment.author ? comment.author.team : undefined;
  const [row] = await q.query<CommentRow>(
    `with c as (
       insert into comments (id, request_id, project_id, body, author_user_id, author_anonymous_id, author_member_id, team, internal)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning *
     )
     select c.*, u.name as author_name, u.external_id as author_external_id, u.email as author_email from c left join users u on u.id = c.author_user_id`,
    [
      comment.id,
      comment.requestId,
      comment.projectId,
      comment.body,
      voter?.userId ?? null,
      voter?.anonymousId ?? null,
      team?.memberId ?? null,
      team !== undefined,
      team?.internal ?? false,
    ],
  );
  return toComment(row!);
}

/** A request's comments, oldest first; internal notes only when `includeInternal`. */
export async function listComments(q: Queryable, requestId: string, options: { includeInternal: boolean }): Promise<CommentRecord[]> {
  const rows = await q.query<CommentRow>(
    `${SELECT_COMMENT} where c.request_id = $1${options.includeInternal ? '' : ' and not c.internal'} order by c.created_at, c.id limit 1000`,
    [requestId],
  );
  return rows.map(toComment);
}

/** One comment of a request of the project. */
export async function findComment(q: Queryable, projectId: string, requestId: string, commentId: string): Promise<CommentRecord | undefined> {
  const [row] = await q.query<CommentRow>(`${SELECT_COMMENT} where c.project_id = $1 and c.request_id = $2 and c.id = $3`, [projectId, requestId, commentId]);
  return row && toComment(row);
}

/** Deletes a comment; returns false when there was none. */
export async function deleteComment(q: Queryable, projectId: string, requestId: string, commentId: string): Promise<boolean> {
  return (await q.query('delete from comments where project_id = $1 and request_id = $2 and id = $3 returning 1', [projectId, requestId, commentId])).length > 0;
}

/** Hands the comments an anonymous id wrote to the user it became. */
export async function reassignAnonymousComments(q: Queryable, projectId: string, anonymousId: string, userId: string): Promise<void> {
  await q.query('update comments set author_user_id = $3, author_anonymous_id = null where project_id = $1 and author_anonymous_id = $2', [projectId, anonymousId, userId]);
}
