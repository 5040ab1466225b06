import { ConflictError } from '../../errors/conflict-error.js';
import { ForbiddenError } from '../../errors/forbidden-error.js';
import type { Principal } from '../../identity/widget-sessions.js';
import { deleteRequest } from '../../storage/requests/request-queries.js';
import type { ServiceDeps } from '../service-deps.js';
import { findLiveRequest } from './find-live-request.js';
import { isOwnRequest } from './is-own-request.js';

/** The author deletes their request while it is still open, with its votes and comments. */
export async function deleteOwnRequest(deps: Pick<ServiceDeps, 'db' | 'events'>, principal: Principal, requestId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const request = await findLiveRequest(tx, principal.projectId, requestId);
    if (!isOwnRequest(request, principal)) throw new ForbiddenError('Only the author of a request may delete it.');
    if (request.status !== 'open') throw new ConflictError('A request can be deleted only while it is open.');
    await deleteRequest(tx, principal.projectId, requestId);
    await deps.events.emit(tx, { type: 'request.deleted', projectId: principal.projectId, data: { request: { id: request.id, title: request.title } } });
  });
}
