import type { VoteResponse } from '@reqio/shared';
import { NotFoundError } from '../../errors/not-found-error.js';
import type { Principal } from '../../identity/widget-sessions.js';
import { adjustRequestTotals, findRequest } from '../../storage/requests/request-queries.js';
import { insertVote } from '../../storage/votes/vote-queries.js';
import { requireMayWrite } from '../requests/require-may-write.js';
import type { ServiceDeps } from '../service-deps.js';
import { toVoter } from './to-voter.js';
import { voterRevenue } from './voter-revenue.js';

/** Votes for a request; voting twice is a no-op. The request's revenue gains the voter's monthly amount. */
export async function castVote(deps: Pick<ServiceDeps, 'db' | 'keyRing' | 'events'>, principal: Principal, requestId: string): Promise<VoteResponse> {
  await requireMayWrite(deps.keyRing, principal);
  return deps.db.transaction(async (tx) => {
    const request = await findRequest(tx, principal.projectId, requestId);
    if (request === undefined) throw new NotFoundError('There is no such request in this project.');
    const revenue = await voterRevenue(tx, principal);
    if (!(await insertVote(tx, { requestId, projectId: principal.projectId, voter: toVoter(principal) }))) return { voted: true, votes: request.votes };
    const votes = await adjustRequestTotals(tx, requestId, 1, revenue);
    await deps.events.emit(tx, { type: 'vote.created', projectId: principal.projectId, data: { requestId, votes, identified: principal.kind === 'user' } });
    return { voted: true, votes };
  });
}
