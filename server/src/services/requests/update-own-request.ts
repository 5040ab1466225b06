import type { WidgetRequest } from '@reqio/shared';
import { ConflictError } from '../../errors/conflict-error.js';
import { ForbiddenError } from '../../errors/forbidden-error.js';
import type { Principal } from '../../identity/widget-sessions.js';
import { updateRequest } from '../../storage/requests/request-queries.js';
import type { ServiceDeps } from '../service-deps.js';
import { findLiveRequest } from './find-live-request.js';
import { isOwnRequest } from './is-own-request.js';
import { toWidgetRequest } from './to-widget-request.js';
import { requestEventData } from './request-event-data.js';

/** The author edits the title or body of their request while it is still open. */
export async function updateOwnRequest(
  deps: Pick<ServiceDeps, 'db' | 'events'>,
  principal: Principal,
  requestId: string,
  changes: { title?: string | undefined; body?: string | undefined },
): Promise<WidgetRequest> {
  return deps.db.transaction(async (tx) => {
    const request = await findLiveRequest(tx, principal.projectId, requestId);
    if (!isOwnRequest(request, principal)) throw new ForbiddenError('Only the author of a request may change it.');
    if (request.status !== 'open') throw new ConflictError('A request can be changed only while it is open.');
    const updated = (await updateRequest(tx, principal.projectId, requestId, changes))!;
    const changed = (['title', 'body'] as const).filter((field) => changes[field] !== undefined && changes[field] !== request[field]);
    if (changed.length > 0) await deps.events.emit(tx, { type: 'request.updated', projectId: principal.projectId, data: { request: requestEventData(updated), changed } });
    return toWidgetRequest(updated, true);
  });
}
