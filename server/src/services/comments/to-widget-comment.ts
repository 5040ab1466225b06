import type { WidgetComment } from '@reqio/shared';
import type { Principal } from '../../identity/widget-sessions.js';
import type { CommentRecord } from '../../storage/comments/comment-queries.js';

/** Whether `principal` wrote `comment`. */
export const isOwnComment = (comment: CommentRecord, principal: Principal): boolean =>
  !comment.team &&
  (principal.kind === 'user' ? comment.authorUserId === principal.userId : comment.authorAnonymousId === principal.anonymousId);

/** A comment as the widget shows it: a name and whether the team wrote it, never an email or an id. */
export const toWidgetComment = (comment: CommentRecord, principal: Principal): WidgetComment => ({
  id: comment.id,
  body: comment.body,
  author: { name: comment.team ? null : comment.authorName, team: comment.team },
  mine: isOwnComment(comment, principal),
  createdAt: comment.createdAt,
});
