import { NotFoundError } from '../../errors/not-found-error.js';
import { announceChange } from '../../storage/change-feed.js';
import { adjustTotalsForUserVotes } from '../../storage/requests/request-queries.js';
import { deleteUserRow, lockUserForDelete } from '../../storage/users/user-queries.js';
import type { ServiceDeps } from '../service-deps.js';

/**
 * Deletes a user (by the token's `sub`) and their votes, taking their votes and revenue out
 * of every request's totals; their sessions end. Requests they wrote stay, unattributed.
 */
export async function deleteUser(deps: Pick<ServiceDeps, 'db' | 'events' | 'activeUsers'>, projectId: string, userId: string): Promise<void> {
  const internalId = await deps.db.transaction(async (tx) => {
    const user = await lockUserForDelete(tx, projectId, userId);
    if (user === undefined) throw new NotFoundError('There is no such user in this project.');
    await adjustTotalsForUserVotes(tx, user.id, -1, -user.monthlyAmount);
    await deleteUserRow(tx, user.id);
    await deps.events.emit(tx, { type: 'user.deleted', projectId, data: { user: { id: userId } } });
    await announceChange(tx, { type: 'user_deleted', userId: user.id });
    return user.id;
  });
  deps.activeUsers.forget(internalId);
}
