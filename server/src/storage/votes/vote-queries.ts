import type { Queryable } from '../database.js';
import type { Voter } from '../requests/request-queries.js';
import { toIso, toNumber } from '../row-values.js';

/** Records a vote; returns false when the voter had already voted. */
export async function insertVote(q: Queryable, vote: { requestId: string; projectId: string; voter: Voter }): Promise<boolean> {
  const conflict = vote.voter.userId !== undefined ? '(request_id, user_id) where user_id is not null' : '(request_id, anonymous_id) where anonymous_id is not null';
  const rows = await q.query(
    `insert into votes (request_id, project_id, user_id, anonymous_id) values ($1, $2, $3, $4)
     on conflict ${conflict} do nothing returning 1`,
    [vote.requestId, vote.projectId, vote.voter.userId ?? null, vote.voter.anonymousId ?? null],
  );
  return rows.length > 0;
}

/**
 * Moves an anonymous id's votes to a user. A request both had voted for keeps one vote:
 * the anonymous one is deleted. Returns the requests whose anonymous vote was dropped
 * and those whose vote now belongs to the user.
 */
export async function moveAnonymousVotes(
  q: Queryable,
  projectId: string,
  anonymousId: string,
  userId: string,
): Promise<{ dropped: string[]; moved: string[] }> {
  const dropped = await q.query<{ request_id: string }>(
    `delete from votes a where a.project_id = $1 and a.anonymous_id = $2
       and exists (select 1 from votes u where u.request_id = a.request_id and u.user_id = $3)
     returning a.request_id`,
    [projectId, anonymousId, userId],
  );
  const moved = await q.query<{ request_id: string }>(
    'update votes set user_id = $3, anonymous_id = null where project_id = $1 and anonymous_id = $2 returning request_id',
    [projectId, anonymousId, userId],
  );
  return { dropped: dropped.map((row) => row.request_id), moved: moved.map((row) => row.request_id) };
}

/**
 * The requests an anonymous id voted for, before merging it into `userId`; undefined when
 * it was already merged into someone else (it stays theirs: a shared browser without reset()).
 */
export async function listAnonymousVoteRequests(q: Queryable, projectId: string, anonymousId: string, userId: string): Promise<string[] | undefined> {
  const mergedInto = await findAnonymousMerge(q, projectId, anonymousId);
  if (mergedInto !== undefined && mergedInto !== userId) return undefined;
  const rows = await q.query<{ request_id: string }>('select request_id from votes where project_id = $1 and anonymous_id = $2', [projectId, anonymousId]);
  return rows.map((row) => row.request_id);
}

/** Which user an anonymous id was merged into, if it was. */
export async function findAnonymousMerge(q: Queryable, projectId: string, anonymousId: string): Promise<string | undefined> {
  const [row] = await q.query<{ merged_user_id: string }>('select merged_user_id from anonymous_ids where project_id = $1 and anonymous_id = $2', [
    projectId,
    anonymousId,
  ]);
  return row?.merged_user_id;
}

export async function recordAnonymousMerge(q: Queryable, projectId: string, anonymousId: string, userId: string): Promise<void> {
  await q.query(
    'insert into anonymous_ids (project_id, anonymous_id, merged_user_id) values ($1, $2, $3) on conflict (project_id, anonymous_id) do nothing',
    [projectId, anonymousId, userId],
  );
}

/** The identified voters of a request, their accounts' highest monthly amount first: why it ranks where it does. */
export async function listVoters(
  q: Queryable,
  requestId: string,
  page: { limit: number },
): Promise<{ externalId: string; email: string | null; name: string | null; plan: string | null; monthlyAmount: number; votedAt: string; accountId: string | null }[]> {
  const rows = await q.query<{
    external_id: string;
    email: string | null;
    name: string | null;
    plan: string | null;
    monthly_amount: number | string;
    created_at: Date;
    account_id: string | null;
  }>(
    `select u.external_id, u.email, u.name, u.plan, u.monthly_amount, v.created_at, u.account_id
     from votes v join users u on u.id = v.user_id left join accounts a on a.id = u.account_id
     where v.request_id = $1 order by a.monthly_amount desc nulls last, u.monthly_amount desc, v.created_at limit $2`,
    [requestId, page.limit],
  );
  return rows.map((row) => ({
    externalId: row.external_id,
    email: row.email,
    name: row.name,
    plan: row.plan,
    monthlyAmount: toNumber(row.monthly_amount),
    votedAt: toIso(row.created_at),
    accountId: row.account_id,
  }));
}

/** How many anonymous votes a request has (its identified voters are listed by {@link listVoters}). */
export async function countAnonymousVotes(q: Queryable, requestId: string): Promise<number> {
  const [row] = await q.query<{ count: number | string }>('select count(*) as count from votes where request_id = $1 and anonymous_id is not null', [requestId]);
  return toNumber(row!.count);
}
