import { NotFoundError } from '../../errors/not-found-error.js';
import { RequestDeletedError } from '../../errors/request-deleted-error.js';
import { RequestMergedError } from '../../errors/request-merged-error.js';
import type { Queryable } from '../../storage/database.js';
import { lockRequest, wasRequestDeleted, type RequestRecord } from '../../storage/requests/request-queries.js';

/**
 * The request something is about to be written to, locked until the transaction ends:
 * 404 when the project never had it, 409 `request_deleted` when it was deleted and 409
 * `request_merged` when it was merged into another.
 */
export async function findLiveRequest(tx: Queryable, projectId: string, requestId: string): Promise<RequestRecord> {
  const request = await lockRequest(tx, projectId, requestId);
  if (request === undefined) {
    if (await wasRequestDeleted(tx, projectId, requestId)) throw new RequestDeletedError();
    throw new NotFoundError('There is no such request in this project.');
  }
  if (request.status === 'merged') throw new RequestMergedError('This request was merged into another; comment and vote there.', request.mergedInto);
  return request;
}
