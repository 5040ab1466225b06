import type { VoteResponse } from '@reqio/shared';
import { NotFoundError } from '../../errors/not-found-error.js';
import { SessionExpiredError } from '../../errors/session-expired-error.js';
import type { Principal } from '../../identity/widget-sessions.js';
import { removeVoteStatement } from '../../storage/votes/vote-statements.js';
import type { ServiceDeps } from '../service-deps.js';
import { toVoter } from './to-voter.js';

/**
 * Takes a vote back; removing a vote that is not there is a no-op. The account leaves the
 * revenue with its last voter. One statement, with its `vote.deleted` webhook event.
 */
export async function removeVote(deps: Pick<ServiceDeps, 'db' | 'events'>, principal: Principal, requestId: string): Promise<VoteResponse> {
  const identified = principal.kind === 'user';
  const result = await removeVoteStatement(deps.db, { projectId: principal.projectId, requestId, voter: toVoter(principal) }, ({ params, changed, votes }) =>
    deps.events.inStatement({ type: 'vote.deleted', projectId: principal.projectId, data: { requestId, votes: 0, identified } }, { params, when: changed, computed: { votes } }),
  );
  if (result.request === undefined) throw new NotFoundError('There is no such request in this project.');
  if (!result.voterFound) throw new SessionExpiredError('The user of this session was deleted.');
  return { voted: false, votes: result.votes ?? result.request.votes };
}
