import type { AdminComment } from '@reqio/shared';
import { NotFoundError } from '../../errors/not-found-error.js';
import { listComments } from '../../storage/comments/comment-queries.js';
import { findRequest } from '../../storage/requests/request-queries.js';
import type { ServiceDeps } from '../service-deps.js';
import { toAdminComment } from './to-admin-comment.js';

/** A request's comments as the team sees them, internal notes included, oldest first. */
export async function listAdminComments(deps: Pick<ServiceDeps, 'db'>, projectId: string, requestId: string): Promise<AdminComment[]> {
  if ((await findRequest(deps.db, projectId, requestId)) === undefined) throw new NotFoundError('There is no such request in this project.');
  return (await listComments(deps.db, requestId, { includeInternal: true })).map(toAdminComment);
}
