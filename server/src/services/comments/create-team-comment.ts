import type { AdminComment } from '@reqio/shared';
import { randomId } from '../../lib/random-id.js';
import { insertComment } from '../../storage/comments/comment-queries.js';
import { recordRequestChange } from '../notifications/record-request-change.js';
import { findLiveRequest } from '../requests/find-live-request.js';
import type { ServiceDeps } from '../service-deps.js';
import { commentEventData } from './comment-event-data.js';
import { toAdminComment } from './to-admin-comment.js';

/**
 * The team replies on a request (shown in the widget as the team's, and told to its voters
 * and commenters), or leaves an internal note that never leaves the dashboard and the API.
 */
export async function createTeamComment(
  deps: Pick<ServiceDeps, 'db' | 'events' | 'notifier'>,
  projectId: string,
  requestId: string,
  input: { body: string; internal: boolean; memberId: string | null },
): Promise<AdminComment> {
  return deps.db.transaction(async (tx) => {
    const request = await findLiveRequest(tx, projectId, requestId);
    const comment = await insertComment(tx, {
      id: randomId('cmt'),
      requestId,
      projectId,
      body: input.body,
      author: { team: { memberId: input.memberId, internal: input.internal } },
    });
    await deps.events.emit(tx, { type: 'comment.created', projectId, data: commentEventData(comment, request) });
    if (!input.internal) await recordRequestChange(deps, tx, { request, kind: 'reply', replyBody: input.body });
    return toAdminComment(comment);
  });
}
