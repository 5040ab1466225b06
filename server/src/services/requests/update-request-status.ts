import type { AdminRequest, RequestStatus } from '@reqio/shared';
import { NotFoundError } from '../../errors/not-found-error.js';
import { findRequestWithAuthor, updateRequestStatus as storeStatus } from '../../storage/requests/request-queries.js';
import type { ServiceDeps } from '../service-deps.js';
import { toAdminRequest } from './to-admin-request.js';

/** Moves a request to another status. */
export async function updateRequestStatus(
  deps: Pick<ServiceDeps, 'db' | 'events'>,
  projectId: string,
  requestId: string,
  status: RequestStatus,
): Promise<AdminRequest> {
  return deps.db.transaction(async (tx) => {
    const before = await findRequestWithAuthor(tx, projectId, requestId);
    if (before === undefined) throw new NotFoundError('There is no such request in this project.');
    await storeStatus(tx, projectId, requestId, status);
    const after = (await findRequestWithAuthor(tx, projectId, requestId))!;
    if (before.status !== status) {
      await deps.events.emit(tx, {
        type: 'request.status_changed',
        projectId,
        data: { request: { id: requestId, title: after.title }, from: before.status, to: status },
      });
    }
    return toAdminRequest(after);
  });
}
