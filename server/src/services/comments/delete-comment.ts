import { NotFoundError } from '../../errors/not-found-error.js';
import { deleteComment as storeDelete } from '../../storage/comments/comment-queries.js';
import type { ServiceDeps } from '../service-deps.js';

/** The team removes a comment (moderation). */
export async function deleteComment(deps: Pick<ServiceDeps, 'db'>, projectId: string, requestId: string, commentId: string): Promise<void> {
  if (!(await storeDelete(deps.db, projectId, requestId, commentId))) throw new NotFoundError('There is no such comment on this request.');
}
