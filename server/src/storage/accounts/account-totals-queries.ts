import type { Queryable, StatementEventCtes } from '../database.js';
import { accountFieldValues, type AccountFields } from './account-queries.js';
import { toNumber } from '../row-values.js';

// A request's revenue is the sum of the monthly amounts of its distinct accounts (CONTRACT
// §6). `request_accounts` counts each account's voters on each request; a count of 0 means
// the account is not there (the row is kept: every change is then one atomic row update,
// which stays right when two people of one company vote or unvote at once). Callers lock
// the voter's user and account rows first (users, then accounts, then requests, each in id
// order), so an amount cannot change while a vote is being counted.

/**
 * Records an identified user's vote, counting their account once per request: the account
 * joins the request's `accounts` and revenue when it is its first voter there. One
 * statement. Returns the new vote count, or undefined when the user had already voted.
 */
export async function insertUserVote(
  q: Queryable,
  vote: { requestId: string; projectId: string; userId: string; accountId: string; monthlyAmount: number },
): Promise<number | undefined> {
  const [row] = await q.query<{ vote_count: number }>(
    `with v as (
       insert into votes (request_id, project_id, user_id) values ($1, $2, $3)
       on conflict (request_id, user_id) where user_id is not null do nothing returning request_id
     ), ra as (
       insert into request_accounts (request_id, account_id, voters) select request_id, $4, 1 from v
       on conflict (request_id, account_id) do update set voters = request_accounts.voters + 1 returning voters
     ), joined as (select count(*)::int as n from ra where voters = 1)
     update requests set vote_count = vote_count + 1, account_count = account_count + joined.n, monthly_revenue = monthly_revenue + joined.n * $5::bigint
     from joined where id = $1 and exists (select 1 from v) returning vote_count`,
    [vote.requestId, vote.projectId, vote.userId, vote.accountId, vote.monthlyAmount],
  );
  return row?.vote_count;
}

/** A change of one account's voter count on one request. */
export interface AccountVoterChange {
  requestId: string;
  accountId: string;
  /** +1 when a voter of the account is added to the request, -1 when one leaves it. */
  delta: number;
}

/**
 * Applies voter changes to `request_accounts` and the requests' `accounts` and revenue, in
 * one statement: an account whose count goes from 0 adds its current monthly amount, one
 * whose count reaches 0 takes it away. Vote counts are the caller's (a moved vote is still
 * one vote). What moving votes between users, accounts or requests is built on; the
 * affected accounts and requests must be locked by the caller.
 *
 * @example applyAccountVoterChanges(tx, [{ requestId, accountId: oldCompany, delta: -1 }, { requestId, accountId: newCompany, delta: 1 }])
 */
export async function applyAccountVoterChanges(q: Queryable, changes: readonly AccountVoterChange[]): Promise<void> {
  if (changes.length === 0) return;
  await q.query(
    `with c as (
       select request_id, account_id, sum(delta)::int as delta
       from unnest($1::text[], $2::text[], $3::int[]) as c(request_id, account_id, delta)
       group by request_id, account_id having sum(delta) <> 0
     ), added as (
       -- (a CHECK is tested before ON CONFLICT, so only additions go through the insert)
       insert into request_accounts (request_id, account_id, voters)
       select request_id, account_id, delta from c where delta > 0 order by request_id, account_id
       on conflict (request_id, account_id) do update set voters = request_accounts.voters + excluded.voters
       returning request_id, account_id, voters
     ), removed as (
       update request_accounts ra set voters = ra.voters + c.delta from c
       where c.delta < 0 and ra.request_id = c.request_id and ra.account_id = c.account_id
       returning ra.request_id, ra.account_id, ra.voters
     ), ra as (
       select * from added union all select * from removed
     ), t as (
       select ra.request_id,
              sum(case when ra.voters - c.delta = 0 then 1 when ra.voters = 0 then -1 else 0 end)::int as accounts,
              sum(case when ra.voters - c.delta = 0 then a.monthly_amount when ra.voters = 0 then -a.monthly_amount else 0 end)::bigint as revenue
       from ra join c on c.request_id = ra.request_id and c.account_id = ra.account_id join accounts a on a.id = ra.account_id
       group by ra.request_id
     )
     update requests r set account_count = r.account_count + t.accounts, monthly_revenue = r.monthly_revenue + t.revenue
     from t where r.id = t.request_id and (t.accounts <> 0 or t.revenue <> 0)`,
    [changes.map((c) => c.requestId), changes.map((c) => c.accountId), changes.map((c) => c.delta)],
  );
}

// Moves accounts' amount differences through their requests, given `d(request_id, delta)`
// (requests whose revenue does not change are left out). On PostgreSQL those requests are
// locked in id order first (two re-weighs sharing requests cannot deadlock, and the lock order
// stays accounts, then requests), then updated, in the same statement: the update only
// reaches rows the ordered locked scan has taken. PGlite has a single session, where no lock
// is ever waited for, so the ordering pass (a second write of every row) is skipped there.
// As CTEs after `d`, the last named `moved`.
const moveDifferences = (q: Queryable) =>
  q.kind === 'pglite'
    ? `moved as (update requests r set monthly_revenue = r.monthly_revenue + d.delta from d where r.id = d.request_id returning r.id)`
    : `locked as (
       select r.id, d.delta from requests r join d on d.request_id = r.id order by r.id for update of r
     ), moved as (
       update requests r set monthly_revenue = r.monthly_revenue + locked.delta from locked where r.id = locked.id returning r.id
     )`;

/**
 * Sets accounts' monthly amounts (in the project's currency) and moves the difference
 * through every request where each account has voters, locking those requests in id order,
 * in one statement. The accounts must be locked by the caller.
 */
export async function reweighAccounts(q: Queryable, amounts: readonly { accountId: string; monthlyAmount: number }[]): Promise<void> {
  if (amounts.length === 0) return;
  // The differences are summed per request from the accounts table itself (not from a CTE,
  // which has no statistics: the planner then hashes all of request_accounts); every
  // sub-statement sees the amounts from before the update.
  await q.query(
    `with n as (
       select * from unnest($1::text[], $2::bigint[]) as n(id, amount)
     ), changed as (
       update accounts a set monthly_amount = n.amount, updated_at = now() from n where a.id = n.id and a.monthly_amount <> n.amount
     ), d as (
       select ra.request_id, sum(n.amount - a.monthly_amount)::bigint as delta
       from n join accounts a on a.id = n.id join request_accounts ra on ra.account_id = a.id
       where ra.voters > 0 and a.monthly_amount <> n.amount
       group by ra.request_id having sum(n.amount - a.monthly_amount) <> 0
     ), ${moveDifferences(q)}
     select count(*) from moved`,
    [amounts.map((a) => a.accountId), amounts.map((a) => a.monthlyAmount)],
  );
}

/**
 * Writes one account's fields and monthly amount (in the project's currency) and moves the
 * amount's difference through every request where it has voters (locked in id order), in
 * one statement, with the caller's `event` in it when given: what an identify does when a
 * token changes the account's amount. The account must be locked by the caller.
 */
export async function writeAccount(q: Queryable, accountId: string, fields: AccountFields, monthlyAmount: number, event?: StatementEventCtes): Promise<void> {
  const params: unknown[] = [accountId, ...accountFieldValues(fields), monthlyAmount];
  const outbox = event?.(params);
  await q.query(
    `with changed as (
       update accounts set name = $2, plan = $3, amount = $4, billing_interval = $5, currency = $6, traits = $7::jsonb, traits_valid = $8,
         monthly_minor = $9, monthly_amount = $10, updated_at = now() where id = $1
     ), d as (
       select ra.request_id, $10::bigint - a.monthly_amount as delta
       from accounts a join request_accounts ra on ra.account_id = a.id
       where a.id = $1 and ra.voters > 0 and a.monthly_amount <> $10::bigint
     ), ${moveDifferences(q)}${outbox?.ctes ?? ''}
     select (select count(*) from moved) as moved${outbox === undefined ? '' : `, ${outbox.column}`}`,
    params,
  );
}

/**
 * Locks, in id order, every request where one of `accountIds` has voters, plus
 * `requestIds`: taken once before a change that touches several of them, so two such
 * changes cannot deadlock.
 */
export async function lockRequestsOfAccounts(q: Queryable, accountIds: readonly string[], requestIds: readonly string[] = []): Promise<void> {
  await q.query(
    `select id from requests where id in (
       select request_id from request_accounts where account_id = any($1::text[]) and voters > 0
       union select unnest($2::text[])
     ) order by id for update`,
    [[...new Set(accountIds)], [...new Set(requestIds)]],
  );
}

/** The requests a user voted for. */
export async function listUserVoteRequests(q: Queryable, userId: string): Promise<string[]> {
  const rows = await q.query<{ request_id: string }>('select request_id from votes where user_id = $1', [userId]);
  return rows.map((row) => row.request_id);
}

/** The identified voters of a request per account, as counts (for tests and the oracle's callers). */
export async function listRequestAccountVoters(q: Queryable, requestId: string): Promise<{ accountId: string; voters: number }[]> {
  const rows = await q.query<{ account_id: string; voters: number | string }>(
    'select account_id, voters from request_accounts where request_id = $1 and voters > 0 order by account_id',
    [requestId],
  );
  return rows.map((row) => ({ accountId: row.account_id, voters: toNumber(row.voters) }));
}
