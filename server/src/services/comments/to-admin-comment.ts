import type { AdminComment } from '@reqio/shared';
import type { CommentRecord } from '../../storage/comments/comment-queries.js';

/** A comment as the product team sees it: internal notes too, and who wrote it. */
export const toAdminComment = (comment: CommentRecord): AdminComment => ({
  id: comment.id,
  body: comment.body,
  author: { name: comment.team ? null : comment.authorName, team: comment.team, userId: comment.authorExternalId, email: comment.authorEmail },
  internal: comment.internal,
  createdAt: comment.createdAt,
});
