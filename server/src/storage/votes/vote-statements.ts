import type { RequestStatus } from '@reqio/shared';
import type { Queryable } from '../database.js';
import type { Voter } from '../requests/request-queries.js';

// A vote or unvote as ONE statement (issue 14: one round trip, no BEGIN/COMMIT): the request
// is read, the voter's user and account are locked (users, then accounts, then requests, as
// everywhere: see account-totals-queries), the vote and the per-(request, account) count are
// written, the request's totals move, and the webhook event is stored — or, when the request
// is missing or merged or the user is gone, nothing is written. The outbox rows come from
// the caller (`event`), built over the `counted` CTE, which holds the new vote count when the
// vote changed something.
//
// A vote racing a merge (PostgreSQL): the statement reads the request as open, inserts the
// vote, then waits for the request's row, which the merge holds; when the merge commits, the
// totals update re-reads the row, finds it merged and updates nothing. The vote inserted
// must not stay on a merged request, so `guard` then fails the statement as a serialization
// failure (40001): the store retries it, and the retry reads the request as merged.
const GUARD = `, guard as (
       select reqio_serialization_failure('the request was merged while the vote was cast') as failed from v where not exists (select 1 from counted)
     )`;

/** What the statement's `event` callback may refer to. */
export interface VoteStatementScope {
  params: unknown[];
  /** True when the vote was recorded (or taken back). */
  changed: string;
  /** The request's vote count after it. */
  votes: string;
}

export interface VoteStatementResult {
  /** Undefined: no such request in the project. */
  request?: { status: RequestStatus; mergedInto: string | null; votes: number };
  /** False when the session's user no longer exists (nothing was written). */
  voterFound: boolean;
  /** The new vote count when the vote changed something, else undefined. */
  votes: number | undefined;
}

type Row = { status: RequestStatus; merged_into: string | null; vote_count: number; voter_found: boolean; votes: number | null };

const SCOPE = { changed: 'exists (select 1 from counted)', votes: '(select vote_count from counted)' };

const REQUEST = 'r as (select id, status, merged_into, vote_count from requests where project_id = $2 and id = $1)';
const VOTER = `voter as (
       select u.account_id, a.monthly_amount from users u join accounts a on a.id = u.account_id where u.id = $3 for share of u, a
     )`;

const STATEMENTS = {
  castUser: `with ${REQUEST}, ${VOTER}, v as (
       insert into votes (request_id, project_id, user_id)
       select r.id, $2, $3 from r, voter where r.status <> 'merged'
       on conflict (request_id, user_id) where user_id is not null do nothing returning request_id
     ), ra as (
       insert into request_accounts (request_id, account_id, voters) select v.request_id, voter.account_id, 1 from v, voter
       on conflict (request_id, account_id) do update set voters = request_accounts.voters + 1 returning voters
     ), joined as (select count(*)::int as n from ra where voters = 1),
     counted as (
       update requests set vote_count = vote_count + 1, account_count = account_count + joined.n, monthly_revenue = monthly_revenue + joined.n * voter.monthly_amount
       from joined, voter where id = $1 and status <> 'merged' and exists (select 1 from v) returning vote_count
     )${GUARD}`,
  castAnonymous: `with ${REQUEST}, v as (
       insert into votes (request_id, project_id, anonymous_id)
       select r.id, $2, $3 from r where r.status <> 'merged'
       on conflict (request_id, anonymous_id) where anonymous_id is not null do nothing returning request_id
     ), counted as (
       update requests set vote_count = vote_count + 1 where id = $1 and status <> 'merged' and exists (select 1 from v) returning vote_count
     )${GUARD}`,
  removeUser: `with ${REQUEST}, ${VOTER}, v as (
       delete from votes where request_id = $1 and user_id = $3 and exists (select 1 from r) and exists (select 1 from voter) returning request_id
     ), ra as (
       update request_accounts set voters = voters - 1 from voter
       where request_id = $1 and request_accounts.account_id = voter.account_id and exists (select 1 from v) returning voters
     ), left_request as (select count(*)::int as n from ra where voters = 0),
     counted as (
       update requests set vote_count = vote_count - 1, account_count = account_count - left_request.n, monthly_revenue = monthly_revenue - left_request.n * voter.monthly_amount
       from left_request, voter where id = $1 and exists (select 1 from v) returning vote_count
     )`,
  removeAnonymous: `with ${REQUEST}, v as (
       delete from votes where request_id = $1 and anonymous_id = $3 and exists (select 1 from r) returning request_id
     ), counted as (
       update requests set vote_count = vote_count - 1 where id = $1 and exists (select 1 from v) returning vote_count
     )`,
};

type VoteInput = { projectId: string; requestId: string; voter: Voter };
type VoteEvent = (scope: VoteStatementScope) => { ctes: string; column: string };

async function run(q: Queryable, statements: { user: string; anonymous: string; guarded: boolean }, input: VoteInput, event: VoteEvent): Promise<VoteStatementResult> {
  const identified = input.voter.userId !== undefined;
  const sql = identified ? statements.user : statements.anonymous;
  const params: unknown[] = [input.requestId, input.projectId, input.voter.userId ?? input.voter.anonymousId];
  const { ctes, column } = event({ params, ...SCOPE });
  const voterFound = identified ? 'exists (select 1 from voter)' : 'true';
  const [row] = await q.query<Row>(
    `${sql}${ctes}
     select r.status, r.merged_into, r.vote_count, ${voterFound} as voter_found, (select vote_count from counted) as votes, ${column}${statements.guarded ? ', (select count(*) from guard) as guarded' : ''} from r`,
    params,
  );
  if (row === undefined) return { voterFound: true, votes: undefined };
  return {
    request: { status: row.status, mergedInto: row.merged_into, votes: row.vote_count },
    voterFound: row.voter_found,
    votes: row.votes ?? undefined,
  };
}

/** Records a vote (an identified user's counts their account once per request) unless the request is merged; one statement. */
export const castVoteStatement = (q: Queryable, input: VoteInput, event: VoteEvent): Promise<VoteStatementResult> =>
  run(q, { user: STATEMENTS.castUser, anonymous: STATEMENTS.castAnonymous, guarded: true }, input, event);

/** Takes a vote back (the account leaves the revenue with its last voter there); one statement. */
export const removeVoteStatement = (q: Queryable, input: VoteInput, event: VoteEvent): Promise<VoteStatementResult> =>
  run(q, { user: STATEMENTS.removeUser, anonymous: STATEMENTS.removeAnonymous, guarded: false }, input, event);
