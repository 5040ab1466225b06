import type { VoteResponse } from '@reqio/shared';
import { NotFoundError } from '../../errors/not-found-error.js';
import { RequestMergedError } from '../../errors/request-merged-error.js';
import { SessionExpiredError } from '../../errors/session-expired-error.js';
import type { Principal } from '../../identity/widget-sessions.js';
import { castVoteStatement } from '../../storage/votes/vote-statements.js';
import { requireMayWrite } from '../requests/require-may-write.js';
import type { ServiceDeps } from '../service-deps.js';
import { toVoter } from './to-voter.js';

/**
 * Votes for a request; voting twice is a no-op. The request's revenue gains the voter's
 * account, once per account. One statement: the vote, the totals and the `vote.created`
 * webhook event commit together.
 */
export async function castVote(deps: Pick<ServiceDeps, 'db' | 'keyRing' | 'events'>, principal: Principal, requestId: string): Promise<VoteResponse> {
  await requireMayWrite(deps.keyRing, principal);
  const identified = principal.kind === 'user';
  const result = await castVoteStatement(deps.db, { projectId: principal.projectId, requestId, voter: toVoter(principal) }, ({ params, changed, votes }) =>
    deps.events.inStatement({ type: 'vote.created', projectId: principal.projectId, data: { requestId, votes: 0, identified } }, { params, when: changed, computed: { votes } }),
  );
  if (result.request === undefined) throw new NotFoundError('There is no such request in this project.');
  // Its votes moved to the request it was merged into: vote there.
  if (result.request.status === 'merged') throw new RequestMergedError('This request was merged into another; vote there.', result.request.mergedInto);
  if (!result.voterFound) throw new SessionExpiredError('The user of this session was deleted.');
  return { voted: true, votes: result.votes ?? result.request.votes };
}
