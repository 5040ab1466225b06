import type { VoteResponse } from '@reqio/shared';
import { NotFoundError } from '../../errors/not-found-error.js';
import { RequestMergedError } from '../../errors/request-merged-error.js';
import type { Principal } from '../../identity/widget-sessions.js';
import { findRequestLockingVoter } from '../../storage/requests/request-queries.js';
import { requireMayWrite } from '../requests/require-may-write.js';
import type { ServiceDeps } from '../service-deps.js';
import { addVote } from './record-vote.js';

/** Votes for a request; voting twice is a no-op. The request's revenue gains the voter's account, once per account. */
export async function castVote(deps: Pick<ServiceDeps, 'db' | 'keyRing' | 'events'>, principal: Principal, requestId: string): Promise<VoteResponse> {
  await requireMayWrite(deps.keyRing, principal);
  return deps.db.transaction(async (tx) => {
    // The request and the voter's locked account in one statement.
    const found = await findRequestLockingVoter(tx, principal.projectId, requestId, principal.kind === 'user' ? principal.userId : undefined);
    if (found === undefined) throw new NotFoundError('There is no such request in this project.');
    const { request } = found;
    // Its votes moved to the request it was merged into: vote there.
    if (request.status === 'merged') throw new RequestMergedError('This request was merged into another; vote there.', request.mergedInto);
    const votes = await addVote(tx, principal, requestId, principal.kind === 'user' ? found.voter : undefined);
    if (votes === undefined) return { voted: true, votes: request.votes };
    await deps.events.emit(tx, { type: 'vote.created', projectId: principal.projectId, data: { requestId, votes, identified: principal.kind === 'user' } });
    return { voted: true, votes };
  });
}
