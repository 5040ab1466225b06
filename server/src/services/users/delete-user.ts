import { NotFoundError } from '../../errors/not-found-error.js';
import { deleteAccount, lockAccounts } from '../../storage/accounts/account-queries.js';
import { applyAccountVoterChanges, listUserVoteRequests, lockRequestsOfAccounts } from '../../storage/accounts/account-totals-queries.js';
import { adjustTotalsForRequests } from '../../storage/requests/request-queries.js';
import { deleteUserRow, lockUserForDelete } from '../../storage/users/user-queries.js';
import type { ServiceDeps } from '../service-deps.js';

/**
 * Deletes a user (by the token's `sub`) and their votes, taking their votes out of every
 * request's totals and their account out where they were its last voter; an account of one
 * goes with them, a company stays. Their sessions end. Requests they wrote stay, unattributed.
 */
export async function deleteUser(deps: Pick<ServiceDeps, 'db' | 'events' | 'activeUsers'>, projectId: string, userId: string): Promise<void> {
  const internalId = await deps.db.transaction(async (tx) => {
    const user = await lockUserForDelete(tx, projectId, userId);
    if (user === undefined) throw new NotFoundError('There is no such user in this project.');
    const [account] = user.accountId === null ? [] : await lockAccounts(tx, [user.accountId]);
    const voted = await listUserVoteRequests(tx, user.id);
    await lockRequestsOfAccounts(tx, [], voted);
    if (account !== undefined) await applyAccountVoterChanges(tx, voted.map((requestId) => ({ requestId, accountId: account.id, delta: -1 })));
    await adjustTotalsForRequests(tx, voted, -1, 0);
    await deleteUserRow(tx, user.id);
    if (account?.kind === 'user') await deleteAccount(tx, account.id);
    await deps.events.emit(tx, { type: 'user.deleted', projectId, data: { user: { id: userId } } });
    return user.id;
  });
  deps.activeUsers.forget(internalId);
}
