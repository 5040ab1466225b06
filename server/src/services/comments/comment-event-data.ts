import type { CommentRecord } from '../../storage/comments/comment-queries.js';
import type { RequestRecord } from '../../storage/requests/request-queries.js';

/** `data` of a `comment.created` event. */
export const commentEventData = (comment: CommentRecord, request: RequestRecord) => ({
  comment: { id: comment.id, requestId: comment.requestId, body: comment.body, team: comment.team, internal: comment.internal, createdAt: comment.createdAt },
  request: { id: request.id, title: request.title },
});
