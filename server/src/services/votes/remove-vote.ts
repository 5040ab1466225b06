import type { VoteResponse } from '@reqio/shared';
import { NotFoundError } from '../../errors/not-found-error.js';
import type { Principal } from '../../identity/widget-sessions.js';
import { findRequestLockingVoter } from '../../storage/requests/request-queries.js';
import type { ServiceDeps } from '../service-deps.js';
import { takeVote } from './record-vote.js';

/** Takes a vote back; removing a vote that is not there is a no-op. The account leaves the revenue with its last voter. */
export async function removeVote(deps: Pick<ServiceDeps, 'db' | 'events'>, principal: Principal, requestId: string): Promise<VoteResponse> {
  return deps.db.transaction(async (tx) => {
    // The request and the voter's locked account in one statement.
    const found = await findRequestLockingVoter(tx, principal.projectId, requestId, principal.kind === 'user' ? principal.userId : undefined);
    if (found === undefined) throw new NotFoundError('There is no such request in this project.');
    const { request } = found;
    const votes = await takeVote(tx, principal, requestId, principal.kind === 'user' ? found.voter : undefined);
    if (votes === undefined) return { voted: false, votes: request.votes };
    await deps.events.emit(tx, { type: 'vote.deleted', projectId: principal.projectId, data: { requestId, votes, identified: principal.kind === 'user' } });
    return { voted: false, votes };
  });
}
