import { ForbiddenError } from '../../errors/forbidden-error.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import type { Principal } from '../../identity/widget-sessions.js';
import { deleteComment, findComment } from '../../storage/comments/comment-queries.js';
import type { ServiceDeps } from '../service-deps.js';
import { isOwnComment } from './to-widget-comment.js';

/** A widget user deletes their own comment. */
export async function deleteOwnComment(deps: Pick<ServiceDeps, 'db'>, principal: Principal, requestId: string, commentId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const comment = await findComment(tx, principal.projectId, requestId, commentId);
    if (comment === undefined || comment.internal) throw new NotFoundError('There is no such comment on this request.');
    if (!isOwnComment(comment, principal)) throw new ForbiddenError('Only the author of a comment may delete it.');
    await deleteComment(tx, principal.projectId, requestId, commentId);
  });
}
