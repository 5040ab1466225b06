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
  /** The request this one was merged into, while `status` is `merged`. */
  mergedInto: string | null;
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
  merged_into: string | null;
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
  mergedInto: row.merged_into,
  createdAt: toIso(row.created_at),
  updatedAt: toIso(row.updated_at),
});

// Each order but trending matches an index of migration 0001 column for column (the id
// tie-breaker included), so a page is an index walk, not a sort of the whole backlog.
// Trending counts the votes of the last 14 days (`recent`, joined in by the list queries).
const ORDER = {
  new: 'r.created_at desc, r.id',
  top: 'r.vote_count desc, r.created_at desc, r.id',
  revenue: 'r.monthly_revenue desc, r.vote_count desc, r.created_at desc, r.id',
  trending: 'coalesce(recent.votes, 0) desc, r.monthly_revenue desc, r.vote_count desc, r.created_at desc, r.id',
} as const;

/** A sort order of the request lists. */
export type RequestSort = keyof typeof ORDER;

/** Who is asking: an identified user (internal id) or an anonymous id. */
export type Voter = { userId: string; anonymousId?: undefined } | { anonymousId: string; userId?: undefined };

/** A segment of a project's accounts: those on `plan` (any, when undefined) paying at least `minMonthlyAmount`. */
export interface AccountSegment {
  plan?: string | undefined;
  minMonthlyAmount?: number | undefined;
}

/** Which requests a list shows: by status (merged ones only when asked for), matching a full-text search. */
export interface RequestFilter {
  statuses?: RequestStatus[] | undefined;
  /** A search made by {@link toSearchQuery}: only requests matching it, best match first. */
  search?: string | undefined;
  /**
   * Only requests that accounts of this segment asked for, each with the segment's accounts
   * and revenue (the order by revenue is the segment's). Aggregated on read from the
   * segment's voter rows: a filtered view, not the ranking's hot path.
   */
  segment?: AccountSegment | undefined;
}

/** A list's page: the filter, the order and the window. */
export type RequestListOptions = RequestFilter & { sort: RequestSort; limit: number; offset: number };

/**
 * A `to_tsquery` text for what someone typed: its words (letters and digits only, so no
 * query syntax gets through), each as a prefix, all required. Undefined when it has no word.
 */
export function toSearchQuery(text: string): string | undefined {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu)?.slice(0, 12);
  return words === undefined ? undefined : words.map((word) => `${word}:*`).join(' & ');
}

/**
 * The from, where and order of a list query, with its parameters after `params`: the
 * project's requests, without merged ones unless the filter names that status, in
 * search rank order when searching, then in `sort` order.
 */
function listClauses(params: unknown[], projectId: string, options: RequestListOptions): string {
  params.push(projectId);
  const project = `$${params.length}`;
  const where = [`r.project_id = ${project}`];
  if (options.statuses !== undefined && options.statuses.length > 0) {
    params.push(options.statuses);
    where.push(`r.status = any($${params.length}::text[])`);
  } else {
    where.push(`r.status <> 'merged'`);
  }
  let rank = '';
  let search = '';
  if (options.search !== undefined) {
    params.push(options.search);
    search = ' join request_search rs on rs.request_id = r.id';
    where.push(`rs.search_vector @@ to_tsquery('english', $${params.length})`);
    rank = `ts_rank(rs.search_vector, to_tsquery('english', $${params.length})) desc, `;
  }
  const recent =
    options.sort === 'trending'
      ? ` left join (select request_id, count(*) as votes from votes where project_id = ${project} and created_at > now() - interval '14 days' group by request_id) recent on recent.request_id = r.id`
      : '';
  let segment = '';
  if (options.segment !== undefined) {
    params.push(options.segment.plan ?? null, options.segment.minMonthlyAmount ?? 0);
    segment = ` join (
      select ra.request_id, count(*)::int as accounts, sum(a.monthly_amount)::bigint as revenue
      from accounts a join request_accounts ra on ra.account_id = a.id and ra.voters > 0
      where a.project_id = ${project} and ($${params.length - 1}::text is null or a.plan = $${params.length - 1}) and a.monthly_amount >= $${params.length}
      group by ra.request_id) seg on seg.request_id = r.id`;
    if (options.sort === 'revenue') rank += 'seg.revenue desc, ';
  }
  params.push(options.limit, options.offset);
  return `${search}${recent}${segment} where ${where.join(' and ')} order by ${rank}${ORDER[options.sort]} limit $${params.length - 1} offset $${params.length}`;
}

/** Whether `voter` voted for `r`: one condition per kind of voter, so each probe is a lookup in that kind's unique index. */
function votedColumn(params: unknown[], voter: Voter): string {
  params.push(voter.userId ?? voter.anonymousId);
  return `exists (select 1 from votes v where v.request_id = r.id and v.${voter.userId !== undefined ? 'user_id' : 'anonymous_id'} = $${params.length}) as voted`;
}

const PUBLIC_COMMENT_COUNT = '(select count(*) from comments c where c.request_id = r.id and not c.internal)::int as comment_count';
const ALL_COMMENT_COUNT = '(select count(*) from comments c where c.request_id = r.id)::int as comment_count';

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

/** A request as the widget lists it: whether the caller voted for it, and its public comment count. */
export type WidgetRequestRecord = RequestRecord & { voted: boolean; commentCount: number };

const toWidgetRecord = (row: RequestRow & { voted: boolean; comment_count: number }): WidgetRequestRecord => ({
  ...toRequest(row),
  voted: row.voted,
  commentCount: toNumber(row.comment_count),
});

/**
 * A timestamptz column as the API writes it, computed by the store: the ISO 8601 text of
 * `Date.prototype.toISOString` (UTC, milliseconds truncated as `toIso` truncates them),
 * so a list reads text instead of building a Date per row. Same output on PGlite and PostgreSQL.
 */
export const isoTextOf = (column: string): string => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The widget's list page as rows already in the shape the API answers with (the keys of
 * `WidgetRequest`, in its order: `createdAt` as ISO text, `voted`, the public comment count),
 * so nothing is mapped per row: only the columns the widget shows are read.
 */
export type WidgetListRow = Pick<RequestRecord, 'id' | 'title' | 'body' | 'status' | 'votes'> & { voted: boolean; commentCount: number; createdAt: string };

/** A page of a project's requests as the widget lists them. */
export async function listRequestsWithVoted(q: Queryable, projectId: string, voter: Voter, options: RequestListOptions): Promise<WidgetListRow[]> {
  const params: unknown[] = [];
  const voted = votedColumn(params, voter);
  const clauses = listClauses(params, projectId, options);
  return q.query<WidgetListRow>(
    `select r.id, r.title, r.body, r.status, r.vote_count as votes, ${voted},
       (select count(*) from comments c where c.request_id = r.id and not c.internal)::int as "commentCount",
       ${isoTextOf('r.created_at')} as "createdAt"
     from requests r${clauses}`,
    params,
  );
}

/** Which of `requestIds` `voter` voted for (one probe of that kind of voter's unique index per id). */
export async function findVotedRequestIds(q: Queryable, voter: Voter, requestIds: string[]): Promise<Set<string>> {
  if (requestIds.length === 0) return new Set();
  const column = voter.userId !== undefined ? 'user_id' : 'anonymous_id';
  const rows = await q.query<{ request_id: string }>(`select request_id from votes where request_id = any($1::text[]) and ${column} = $2`, [
    requestIds,
    voter.userId ?? voter.anonymousId,
  ]);
  return new Set(rows.map((row) => row.request_id));
}

/** A voter as one string, `u:<user id>` or `a:<anonymous id>` (a user id and an anonymous id may be equal). */
export const voterKey = (voter: Voter): string => (voter.userId !== undefined ? `u:${voter.userId}` : `a:${voter.anonymousId}`);

/** One caller's question to {@link findVotedRequestIdsOfMany}: which of these requests did `voter` vote for? */
export type VotedLookup = { voter: Voter; requestIds: readonly string[] };

/**
 * `findVotedRequestIds` for many callers in one statement (the lists that reach their read
 * together, see `batchReads`): the votes of the callers among the union of their requests
 * (callers listing the same page ask for the same ids), answered from the votes' unique
 * indexes as the one-caller read is, then each caller's own. The sets in the order of `lookups`.
 */
export async function findVotedRequestIdsOfMany(q: Queryable, lookups: readonly VotedLookup[]): Promise<Set<string>[]> {
  const requestIds = [...new Set(lookups.flatMap((lookup) => lookup.requestIds))];
  const userIds = [...new Set(lookups.flatMap(({ voter }) => (voter.userId === undefined ? [] : [voter.userId])))];
  const anonymousIds = [...new Set(lookups.flatMap(({ voter }) => (voter.anonymousId === undefined ? [] : [voter.anonymousId])))];
  const rows =
    requestIds.length === 0
      ? []
      : await q.query<{ request_id: string; voter: string; identified: boolean }>(
          `select request_id, user_id as voter, true as identified from votes where request_id = any($1::text[]) and user_id = any($2::text[])
           union all
           select request_id, anonymous_id, false from votes where request_id = any($1::text[]) and anonymous_id = any($3::text[])`,
          [requestIds, userIds, anonymousIds],
        );
  const votedBy = new Map<string, Set<string>>();
  for (const row of rows) {
    const key = voterKey(row.identified ? { userId: row.voter } : { anonymousId: row.voter });
    let voted = votedBy.get(key);
    if (voted === undefined) votedBy.set(key, (voted = new Set()));
    voted.add(row.request_id);
  }
  return lookups.map(({ voter, requestIds: asked }) => {
    const voted = votedBy.get(voterKey(voter));
    return new Set(voted === undefined ? [] : asked.filter((id) => voted.has(id)));
  });
}

/** The ids of every request of the project `voter` voted for. */
export async function findAllVotedRequestIds(q: Queryable, projectId: string, voter: Voter): Promise<Set<string>> {
  const column = voter.userId !== undefined ? 'user_id' : 'anonymous_id';
  const rows = await q.query<{ request_id: string }>(`select request_id from votes where project_id = $1 and ${column} = $2`, [projectId, voter.userId ?? voter.anonymousId]);
  return new Set(rows.map((row) => row.request_id));
}

/** Some requests of a project by id, as the widget lists them, in the order of `requestIds`. */
export async function findRequestsWithVoted(q: Queryable, projectId: string, voter: Voter, requestIds: string[]): Promise<WidgetRequestRecord[]> {
  if (requestIds.length === 0) return [];
  const params: unknown[] = [];
  const voted = votedColumn(params, voter);
  params.push(projectId, requestIds);
  const rows = await q.query<RequestRow & { voted: boolean; comment_count: number }>(
    `select r.*, ${voted}, ${PUBLIC_COMMENT_COUNT} from requests r where r.project_id = $2 and r.id = any($3::text[])`,
    params,
  );
  const byId = new Map(rows.map((row) => [row.id, toWidgetRecord(row)]));
  return requestIds.flatMap((id) => byId.get(id) ?? []);
}

/** A request with its author's id and email, for the product team (and a segment's share, when a list asked for one). */
export type RequestWithAuthor = RequestRecord & {
  author: { externalId: string; email: string | null } | null;
  commentCount: number;
  segment?: { accounts: number; monthlyRevenue: number };
};

type AuthorRow = RequestRow & {
  author_external_id: string | null;
  author_email: string | null;
  comment_count: number;
  segment_accounts?: number;
  segment_revenue?: number | string;
};

const withAuthor = (row: AuthorRow): RequestWithAuthor => ({
  ...toRequest(row),
  author: row.author_external_id === null ? null : { externalId: row.author_external_id, email: row.author_email },
  commentCount: toNumber(row.comment_count),
  ...(row.segment_accounts !== undefined && { segment: { accounts: row.segment_accounts, monthlyRevenue: toNumber(row.segment_revenue) } }),
});

const AUTHOR_COLUMNS = `select r.*, u.external_id as author_external_id, u.email as author_email, ${ALL_COMMENT_COUNT}`;
const AUTHOR_FROM = ' from requests r left join users u on u.id = r.author_user_id';
const SELECT_WITH_AUTHOR = `${AUTHOR_COLUMNS}${AUTHOR_FROM}`;

/** A page of a project's requests for the product team. */
export async function listRequestsWithAuthors(q: Queryable, projectId: string, options: RequestListOptions): Promise<RequestWithAuthor[]> {
  const params: unknown[] = [];
  const clauses = listClauses(params, projectId, options);
  const segment = options.segment === undefined ? '' : ', seg.accounts as segment_accounts, seg.revenue as segment_revenue';
  return (await q.query<AuthorRow>(`${AUTHOR_COLUMNS}${segment}${AUTHOR_FROM}${clauses}`, params)).map(withAuthor);
}

export async function findRequestWithAuthor(q: Queryable, projectId: string, requestId: string): Promise<RequestWithAuthor | undefined> {
  const [row] = await q.query<AuthorRow>(
    `${SELECT_WITH_AUTHOR} where r.project_id = $1 and r.id = $2`,
    [projectId, requestId],
  );
  return row && withAuthor(row);
}

/** Changes a request's status, title or body (those given); undefined when it is not in the project. */
export async function updateRequest(
  q: Queryable,
  projectId: string,
  requestId: string,
  changes: { status?: RequestStatus | undefined; title?: string | undefined; body?: string | undefined },
): Promise<RequestRecord | undefined> {
  const [row] = await q.query<RequestRow>(
    `update requests set status = coalesce($3, status), title = coalesce($4, title), body = coalesce($5, body), updated_at = now()
     where project_id = $1 and id = $2 returning *`,
    [projectId, requestId, changes.status ?? null, changes.title ?? null, changes.body ?? null],
  );
  return row && toRequest(row);
}

/** Locks a request of the project for the rest of the transaction and returns it. */
export async function lockRequest(q: Queryable, projectId: string, requestId: string): Promise<RequestRecord | undefined> {
  const [row] = await q.query<RequestRow>('select * from requests where project_id = $1 and id = $2 for update', [projectId, requestId]);
  return row && toRequest(row);
}

/**
 * Deletes a request with its votes and comments (the foreign keys cascade), and the
 * requests merged into it, leaving a tombstone of each so a late comment gets 409, not 404.
 * Returns the deleted request, or undefined when there was none.
 */
export async function deleteRequest(q: Queryable, projectId: string, requestId: string): Promise<RequestRecord | undefined> {
  const rows = await q.query<RequestRow>(
    `with gone as (
       delete from requests where project_id = $1 and (id = $2 or merged_into = $2) returning *
     ), tombstones as (
       insert into deleted_requests (project_id, request_id) select project_id, id from gone on conflict do nothing
     )
     select * from gone`,
    [projectId, requestId],
  );
  const row = rows.find((candidate) => candidate.id === requestId);
  return row && toRequest(row);
}

/** Whether the project had a request of this id that was deleted. */
export async function wasRequestDeleted(q: Queryable, projectId: string, requestId: string): Promise<boolean> {
  return (await q.query('select 1 from deleted_requests where project_id = $1 and request_id = $2', [projectId, requestId])).length > 0;
}

/** Adds to one request's vote count and revenue; returns the new vote count. */
export async function adjustRequestTotals(q: Queryable, requestId: string, votes: number, revenue: number): Promise<number> {
  const [row] = await q.query<{ vote_count: number }>(
    'update requests set vote_count = vote_count + $2, monthly_revenue = monthly_revenue + $3 where id = $1 returning vote_count',
    [requestId, votes, revenue],
  );
  return row?.vote_count ?? 0;
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
    `with counted as (
       select request_id, count(*)::int as vote_count from votes where project_id = $1 group by request_id
     ), weighed as (
       select ra.request_id, count(*)::int as account_count, sum(a.monthly_amount)::bigint as monthly_revenue
       from request_accounts ra join accounts a on a.id = ra.account_id
       where a.project_id = $1 and ra.voters > 0 group by ra.request_id
     ), truth as (
       select r.id, coalesce(c.vote_count, 0) as vote_count, coalesce(w.account_count, 0) as account_count, coalesce(w.monthly_revenue, 0)::bigint as monthly_revenue
       from requests r left join counted c on c.request_id = r.id left join weighed w on w.request_id = r.id
       where r.project_id = $1
     )
     update requests r set vote_count = t.vote_count, account_count = t.account_count, monthly_revenue = t.monthly_revenue
     from truth t where r.id = t.id
       and (r.vote_count <> t.vote_count or r.account_count <> t.account_count or r.monthly_revenue <> t.monthly_revenue)
     returning r.id`,
    [projectId],
  );
  return voterRows.length + requestRows.length;
}
