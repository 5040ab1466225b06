import type { WidgetRequestDetail } from '@reqio/shared';
import { NotFoundError } from '../../errors/not-found-error.js';
import type { Principal } from '../../identity/widget-sessions.js';
import { listComments } from '../../storage/comments/comment-queries.js';
import { findRequest, findRequestsWithVoted } from '../../storage/requests/request-queries.js';
import type { ServiceDeps } from '../service-deps.js';
import { toWidgetComment } from '../comments/to-widget-comment.js';
import { toVoter } from '../votes/to-voter.js';
import { toWidgetRequest } from './to-widget-request.js';
import { isOwnRequest } from './is-own-request.js';

/** One request with its comments (never internal notes); a merged id answers the request it was merged into, with `mergedFrom`. */
export async function getWidgetRequest(deps: Pick<ServiceDeps, 'db'>, principal: Principal, requestId: string): Promise<WidgetRequestDetail> {
  const asked = await findRequest(deps.db, principal.projectId, requestId);
  const targetId = asked?.status === 'merged' && asked.mergedInto !== null ? asked.mergedInto : requestId;
  const [row] = await findRequestsWithVoted(deps.db, principal.projectId, toVoter(principal), [targetId]);
  if (row === undefined || row.status === 'merged') throw new NotFoundError('There is no such request in this project.');
  const comments = await listComments(deps.db, row.id, { includeInternal: false });
  return {
    request: { ...toWidgetRequest(row, row.voted, row.commentCount), mine: isOwnRequest(row, principal) },
    comments: comments.map((comment) => toWidgetComment(comment, principal)),
    ...(targetId !== requestId && { mergedFrom: requestId }),
  };
}
