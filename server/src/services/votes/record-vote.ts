import { SessionExpiredError } from '../../errors/session-expired-error.js';
import type { Principal } from '../../identity/widget-sessions.js';
import { insertUserVote } from '../../storage/accounts/account-totals-queries.js';
import type { Queryable } from '../../storage/database.js';
import { adjustRequestTotals } from '../../storage/requests/request-queries.js';
import { lockVoterAccount } from '../../storage/users/user-queries.js';
import { insertVote } from '../../storage/votes/vote-queries.js';

// A user's vote counts their account once per request (CONTRACT §6). Their user and account
// rows are locked first, so a concurrent identify or revenue change waits for the vote, and
// the vote sees the amount that change leaves behind.
// `locked`: the voter's account as the caller already read it with the lock (null: the user is gone).
type LockedVoter = { accountId: string; monthlyAmount: number } | null;

async function lockVoter(tx: Queryable, userId: string, locked?: LockedVoter): Promise<{ accountId: string; monthlyAmount: number }> {
  const voter = locked === undefined ? await lockVoterAccount(tx, userId) : locked;
  if (voter === undefined || voter === null) throw new SessionExpiredError('The user of this session was deleted.');
  return voter;
}

/** Records `principal`'s vote on a request and updates its totals; undefined when they had already voted. */
export async function addVote(tx: Queryable, principal: Principal, requestId: string, locked?: LockedVoter): Promise<number | undefined> {
  if (principal.kind === 'anonymous') {
    if (!(await insertVote(tx, { requestId, projectId: principal.projectId, voter: { anonymousId: principal.anonymousId } }))) return undefined;
    return adjustRequestTotals(tx, requestId, 1, 0);
  }
  const voter = await lockVoter(tx, principal.userId, locked);
  return insertUserVote(tx, { requestId, projectId: principal.projectId, userId: principal.userId, ...voter });
}
