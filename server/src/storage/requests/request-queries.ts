import type { RequestStatus } from '@reqio/shared';
import type { Queryable } from '../database.js';
import { toIso, toNumber } from '../row-values.js';

/** A feature request as stored, with its kept-up-to-date vote count and revenue. */
export interface RequestRecord {
  id: string;
  projectId: string;
  title: string;
  body: string;
  status: RequestStatus;
  authorUserId: string | null;
  authorAnonymousId: string | null;
  votes: number;
  /** Distinct identified accounts among the voters. */
  accounts: number;
  monthlyRevenue: number;
  createdAt: string;
  updatedAt: string;
}

type RequestRow = {
  id: string;
  project_id: string;
  title: string;
  body: string;
  status: RequestStatus;
  author_user_id: string | null;
  author_anonymous_id: string | null;
  vote_count: number;
  account_count: number;
  monthly_revenue: number | string;
  created_at: Date;
  updated_at: Date;
};

const toRequest = (row: RequestRow): RequestRecord => ({
  id: row.id,
  projectId: row.project_id,
  title: row.title,
  body: row.body,
  status: row.status,
  authorUserId: row.author_user_id,
  authorAnonymousId: row.author_anonymous_id,
  votes: row.vote_count,
  accounts: row.account_count,
  monthlyRevenue: toNumber(row.monthly_revenue),
  createdAt: toIso(row.created_at),
  updatedAt: toIso(row.updated_at),
});

// Each order matches an index of migration 0001 column for column (the id tie-breaker
// included), so a page is an index walk, not a sort of the whole backlog.
const ORDER = {
  new: 'r.created_at desc, r.id',
  top: 'r.vote_count desc, r.created_at desc, r.id',
  revenue: 'r.monthly_revenue desc, r.vote_count desc, r.created_at desc, r.id',
} as const;

/** A sort order of the request lists. */
export type RequestSort = keyof typeof ORDER;

/** Who is asking: an identified user (internal id) or an anonymous id. */
export type Voter = { userId: string; anonymousId?: undefined } | { anonymousId: string; userId?: undefined };

export async function insertRequest(
  q: Queryable,
  request: { id: string; projectId: string; title: string; body: string; author: Voter },
): Promise<RequestRecord> {
  const [row] = await q.query<RequestRow>(
    `insert into requests (id, project_id, title, body, author_user_id, author_anonymous_id)
     values ($1, $2, $3, $4, $5, $6) returning *`,
    [request.id, request.projectId, request.title, request.body, request.author.userId ?? null, request.author.anonymousId ?? null],
  );
  return toRequest(row!);
}

export async function findRequest(q: Queryable, projectId: string, requestId: string): Promise<RequestRecord | undefined> {
  const [row] = await q.query<RequestRow>('select * from requests where project_id = $1 and id = $2', [projectId, requestId]);
  return row && toRequest(row);
}

/** A project's requests in `sort` order, each with whether `voter` has voted for it. */
export async function listRequestsWithVoted(
  q: Queryable,
  projectId: string,
  voter: Voter,
  options: { sort: RequestSort; limit: number; offset: number },
): Promise<(RequestRecord & { voted: boolean })[]> {
  // One condition per kind of voter, so each probe is a lookup in that kind's unique index
  // (an `or` of the two would scan a request's votes).
  const voterColumn = voter.userId !== undefined ? 'user_id' : 'anonymous_id';
  const rows = await q.query<RequestRow & { voted: boolean }>(
    `select r.*, exists (
       select 1 from votes v where v.request_id = r.id and v.${voterColumn} = $2
     ) as voted
     from requests r where r.project_id = $1
     order by ${ORDER[options.sort]} limit $3 offset $4`,
    [projectId, voter.userId ?? voter.anonymousId, options.limit, options.offset],
  );
  return rows.map((row) => ({ ...toRequest(row), voted: row.voted }));
}

/** A request with its author's id and email, for the product team. */
export type RequestWithAuthor = RequestRecord & { author: { externalId: string; email: string | null } | null };

const withAuthor = (row: RequestRow & { author_external_id: string | null; author_email: string | null }): RequestWithAuthor => ({
  ...toRequest(row),
  author: row.author_external_id === null ? null : { externalId: row.author_external_id, email: row.author_email },
});

const SELECT_WITH_AUTHOR = `select r.*, u.external_id as author_external_id, u.email as author_email
  from requests r left join users u on u.id = r.author_user_id`;

/** A project's requests in `sort` order for the product team. */
export async function listRequestsWithAuthors(
  q: Queryable,
  projectId: string,
  options: { sort: RequestSort; limit: number; offset: number },
): Promise<RequestWithAuthor[]> {
  const rows = await q.query<RequestRow & { author_external_id: string | null; author_email: string | null }>(
    `${SELECT_WITH_AUTHOR} where r.project_id = $1 order by ${ORDER[options.sort]} limit $2 offset $3`,
    [projectId, options.limit, options.offset],
  );
  return rows.map(withAuthor);
}

/** A segment of a project's accounts: those on `plan` (any, when undefined) paying at least `minMonthlyAmount`. */
export interface AccountSegment {
  plan?: string | undefined;
  minMonthlyAmount?: number | undefined;
}

/**
 * The requests that accounts of a segment asked for, each with that segment's accounts and
 * revenue, in `sort` order (revenue: the segment's). Aggregates the segment's voter rows on
 * read: a filtered view, not the ranking's hot path.
 */
export async function listRequestsInSegment(
  q: Queryable,
  projectId: string,
  segment: AccountSegment,
  options: { sort: RequestSort; limit: number; offset: number },
): Promise<(RequestWithAuthor & { segment: { accounts: number; monthlyRevenue: number } })[]> {
  const order = options.sort === 'revenue' ? 's.revenue desc, r.vote_count desc, r.created_at desc, r.id' : ORDER[options.sort];
  const rows = await q.query<RequestRow & { author_external_id: string | null; author_email: string | null; segment_accounts: number; segment_revenue: number | string }>(
    `with s as (
       select ra.request_id, count(*)::int as accounts, sum(a.monthly_amount)::bigint as revenue
       from accounts a join request_accounts ra on ra.account_id = a.id and ra.voters > 0
       where a.project_id = $1 and ($2::text is null or a.plan = $2) and a.monthly_amount >= $3
       group by ra.request_id
     )
     select r.*, u.external_id as author_external_id, u.email as author_email, s.accounts as segment_accounts, s.revenue as segment_revenue
     from s join requests r on r.id = s.request_id left join users u on u.id = r.author_user_id
     order by ${order} limit $4 offset $5`,
    [projectId, segment.plan ?? null, segment.minMonthlyAmount ?? 0, options.limit, options.offset],
  );
  return rows.map((row) => ({ ...withAuthor(row), segment: { accounts: row.segment_accounts, monthlyRevenue: toNumber(row.segment_revenue) } }));
}

export async function findRequestWithAuthor(q: Queryable, projectId: string, requestId: string): Promise<RequestWithAuthor | undefined> {
  const [row] = await q.query<RequestRow & { author_external_id: string | null; author_email: string | null }>(
    `${SELECT_WITH_AUTHOR} where r.project_id = $1 and r.id = $2`,
    [projectId, requestId],
  );
  return row && withAuthor(row);
}

export async function updateRequestStatus(q: Queryable, projectId: string, requestId: string, status: RequestStatus): Promise<RequestRecord | undefined> {
  const [row] = await q.query<RequestRow>('update requests set status = $3, updated_at = now() where project_id = $1 and id = $2 returning *', [
    projectId,
    requestId,
    status,
  ]);
  return row && toRequest(row);
}

/** Adds to one request's vote count and revenue; returns the new vote count. */
export async function adjustRequestTotals(q: Queryable, requestId: string, votes: number, revenue: number): Promise<number> {
  const [row] = await q.query<{ vote_count: number }>(
    'update requests set vote_count = vote_count + $2, monthly_revenue = monthly_revenue + $3 where id = $1 returning vote_count',
    [requestId, votes, revenue],
  );
  return row?.vote_count ?? 0;
}

/**
 * Adds `revenue` to every request `userId` has voted for, and `votes` to their counts.
 * Rows are locked in id order first, so two users' changes cannot deadlock.
 */
export async function adjustTotalsForUserVotes(q: Queryable, userId: string, votes: number, revenue: number): Promise<void> {
  await q.query(
    `with targets as (
       select r.id from requests r where r.id in (select request_id from votes where user_id = $1) order by r.id for update
     )
     update requests set vote_count = vote_count + $2, monthly_revenue = monthly_revenue + $3 where id in (select id from targets)`,
    [userId, votes, revenue],
  );
}

/** Adds to the totals of several requests at once (in id order, for the same reason). */
export async function adjustTotalsForRequests(q: Queryable, requestIds: string[], votes: number, revenue: number): Promise<void> {
  if (requestIds.length === 0) return;
  await q.query(
    `with targets as (select id from requests where id = any($1::text[]) order by id for update)
     update requests set vote_count = vote_count + $2, monthly_revenue = monthly_revenue + $3 where id in (select id from targets)`,
    [requestIds, votes, revenue],
  );
}

/** Hands the requests an anonymous id wrote to the user it became. */
export async function reassignAnonymousRequests(q: Queryable, projectId: string, anonymousId: string, userId: string): Promise<number> {
  const rows = await q.query(
    `update requests set author_user_id = $3, author_anonymous_id = null where project_id = $1 and author_anonymous_id = $2 returning id`,
    [projectId, anonymousId, userId],
  );
  return rows.length;
}

/**
 * The oracle: recomputes every per-(request, account) voter count from the votes, then each
 * request's vote count, distinct accounts and revenue (the sum of those accounts' current
 * monthly amounts) from them, fixing what is off; returns how many rows were off. The
 * incremental totals should never drift: every test that changes revenue ends by asserting 0.
 */
export async function recomputeRequestTotals(q: Queryable, projectId: string): Promise<number> {
  const voterRows = await q.query(
    `with truth as (
       select v.request_id, u.account_id, count(*)::int as voters
       from votes v join users u on u.id = v.user_id where v.project_id = $1 group by v.request_id, u.account_id
     ), kept as (
       select ra.request_id, ra.account_id, ra.voters from request_accounts ra join requests r on r.id = ra.request_id
       where r.project_id = $1 and ra.voters > 0
     ), diff as (
       select coalesce(t.request_id, k.request_id) as request_id, coalesce(t.account_id, k.account_id) as account_id, coalesce(t.voters, 0) as voters
       from truth t full join kept k on k.request_id = t.request_id and k.account_id = t.account_id
       where t.voters is distinct from k.voters
     )
     insert into request_accounts (request_id, account_id, voters) select request_id, account_id, voters from diff
     on conflict (request_id, account_id) do update set voters = excluded.voters returning 1`,
    [projectId],
  );
  const requestRows = await q.query(
    `with truth as (
       select r.id,
              (select count(*) from votes v where v.request_id = r.id)::int as vote_count,
              (select count(*) from request_accounts ra where ra.request_id = r.id and ra.voters > 0)::int as account_count,
              (select coalesce(sum(a.monthly_amount), 0) from request_accounts ra join accounts a on a.id = ra.account_id
                where ra.request_id = r.id and ra.voters > 0)::bigint as monthly_revenue
       from requests r where r.project_id = $1
     )
     update requests r set vote_count = t.vote_count, account_count = t.account_count, monthly_revenue = t.monthly_revenue
     from truth t where r.id = t.id
       and (r.vote_count <> t.vote_count or r.account_count <> t.account_count or r.monthly_revenue <> t.monthly_revenue)
     returning r.id`,
    [projectId],
  );
  return voterRows.length + requestRows.length;
}
