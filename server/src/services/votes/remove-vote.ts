import type { VoteResponse } from '@reqio/shared';
import { NotFoundError } from '../../errors/not-found-error.js';
import type { Principal } from '../../identity/widget-sessions.js';
import { adjustRequestTotals, findRequest } from '../../storage/requests/request-queries.js';
import { deleteVote } from '../../storage/votes/vote-queries.js';
import type { ServiceDeps } from '../service-deps.js';
import { toVoter } from './to-voter.js';
import { voterRevenue } from './voter-revenue.js';

/** Takes a vote back; removing a vote that is not there is a no-op. */
export async function removeVote(deps: Pick<ServiceDeps, 'db' | 'events'>, principal: Principal, requestId: string): Promise<VoteResponse> {
  return deps.db.transaction(async (tx) => {
    const request = await findRequest(tx, principal.projectId, requestId);
    if (request === undefined) throw new NotFoundError('There is no such request in this project.');
    const revenue = await voterRevenue(tx, principal);
    if (!(await deleteVote(tx, { requestId, voter: toVoter(principal) }))) return { voted: false, votes: request.votes };
    const votes = await adjustRequestTotals(tx, requestId, -1, -revenue);
    await deps.events.emit(tx, { type: 'vote.deleted', projectId: principal.projectId, data: { requestId, votes, identified: principal.kind === 'user' } });
    return { voted: false, votes };
  });
}
