import type { WidgetComment } from '@reqio/shared';
import type { Principal } from '../../identity/widget-sessions.js';
import { randomId } from '../../lib/random-id.js';
import { insertComment } from '../../storage/comments/comment-queries.js';
import { findLiveRequest } from '../requests/find-live-request.js';
import { requireMayWrite } from '../requests/require-may-write.js';
import type { ServiceDeps } from '../service-deps.js';
import { toVoter } from '../votes/to-voter.js';
import { commentEventData } from './comment-event-data.js';
import { toWidgetComment } from './to-widget-comment.js';

/** A widget user comments on a request; anonymous users may unless the project requires identity. */
export async function createComment(
  deps: Pick<ServiceDeps, 'db' | 'keyRing' | 'events'>,
  principal: Principal,
  requestId: string,
  body: string,
): Promise<WidgetComment> {
  await requireMayWrite(deps.keyRing, principal);
  return deps.db.transaction(async (tx) => {
    const request = await findLiveRequest(tx, principal.projectId, requestId);
    const comment = await insertComment(tx, { id: randomId('cmt'), requestId, projectId: principal.projectId, body, author: { voter: toVoter(principal) } });
    await deps.events.emit(tx, { type: 'comment.created', projectId: principal.projectId, data: commentEventData(comment, request) });
    return toWidgetComment(comment, principal);
  });
}
