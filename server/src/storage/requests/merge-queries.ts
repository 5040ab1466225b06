import type { Queryable } from '../database.js';

/**
 * Locks, in id order, the accounts of a request's identified voters: taken before the
 * requests, in the order votes take them (accounts, then requests), so a merge and a
 * concurrent vote or revenue change wait for each other instead of deadlocking.
 */
export async function lockVoterAccountsOf(q: Queryable, requestId: string): Promise<void> {
  await q.query(
    `select a.id from accounts a
     where a.id in (select u.account_id from votes v join users u on u.id = v.user_id where v.request_id = $1)
     order by a.id for update`,
    [requestId],
  );
}

/** Locks both requests of the project, in id order, and returns them as stored. */
export async function lockRequestPair(q: Queryable, projectId: string, ids: [string, string]): Promise<{ id: string; status: string }[]> {
  return q.query<{ id: string; status: string }>('select id, status from requests where project_id = $1 and id = any($2::text[]) order by id for update', [projectId, ids]);
}

/**
 * Moves a request's votes to another: a voter (user or anonymous id) who voted for both
 * keeps the one vote they had on `intoId`. Returns the identified voters' accounts whose
 * vote moved and whose vote was dropped, and how many votes moved and were dropped in all.
 */
export async function moveVotes(
  q: Queryable,
  fromId: string,
  intoId: string,
): Promise<{ movedAccounts: string[]; droppedAccounts: string[]; moved: number; dropped: number }> {
  const dropped = await q.query<{ account_id: string | null }>(
    `with gone as (
       delete from votes s where s.request_id = $1 and exists (
         select 1 from votes t where t.request_id = $2
           and ((s.user_id is not null and t.user_id = s.user_id) or (s.anonymous_id is not null and t.anonymous_id = s.anonymous_id))
       ) returning s.user_id
     )
     select u.account_id from gone left join users u on u.id = gone.user_id`,
    [fromId, intoId],
  );
  const moved = await q.query<{ account_id: string | null }>(
    `with moved as (update votes set request_id = $2 where request_id = $1 returning user_id)
     select u.account_id from moved left join users u on u.id = moved.user_id`,
    [fromId, intoId],
  );
  const accounts = (rows: { account_id: string | null }[]) => rows.flatMap((row) => (row.account_id === null ? [] : [row.account_id]));
  return { movedAccounts: accounts(moved), droppedAccounts: accounts(dropped), moved: moved.length, dropped: dropped.length };
}

/** Moves a request's comments to another, keeping their authors and times. */
export async function moveComments(q: Queryable, fromId: string, intoId: string): Promise<number> {
  return (await q.query('update comments set request_id = $2 where request_id = $1 returning id', [fromId, intoId])).length;
}

/**
 * Marks `fromId` merged into `intoId`, as are the requests merged into `fromId` before
 * (one hop always reaches a live request). Its counts are zero now: its votes moved.
 */
export async function markMerged(q: Queryable, projectId: string, fromId: string, intoId: string): Promise<void> {
  await q.query(
    `update requests set status = 'merged', merged_into = $3, updated_at = now()
     where project_id = $1 and (id = $2 or merged_into = $2)`,
    [projectId, fromId, intoId],
  );
}
