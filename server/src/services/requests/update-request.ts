import type { AdminRequest, SettableStatus } from '@reqio/shared';
import { NotFoundError } from '../../errors/not-found-error.js';
import { findRequestWithAuthor, updateRequest as storeRequest } from '../../storage/requests/request-queries.js';
import { recordRequestChange } from '../notifications/record-request-change.js';
import type { ServiceDeps } from '../service-deps.js';
import { findLiveRequest } from './find-live-request.js';
import { requestEventData } from './request-event-data.js';
import { toAdminRequest } from './to-admin-request.js';

/**
 * The team changes a request's status, title or body. A new status is an update its voters
 * and commenters hear about (the widget's updates, an email) and a `request.status_changed`
 * event; a new title or body is a `request.updated` event.
 */
export async function updateRequest(
  deps: Pick<ServiceDeps, 'db' | 'events' | 'notifier'>,
  projectId: string,
  requestId: string,
  changes: { status?: SettableStatus | undefined; title?: string | undefined; body?: string | undefined },
): Promise<AdminRequest> {
  return deps.db.transaction(async (tx) => {
    const before = await findLiveRequest(tx, projectId, requestId);
    const after = await storeRequest(tx, projectId, requestId, changes);
    if (after === undefined) throw new NotFoundError('There is no such request in this project.');
    if (changes.status !== undefined && before.status !== changes.status) {
      await deps.events.emit(tx, {
        type: 'request.status_changed',
        projectId,
        data: { request: { id: requestId, title: after.title }, from: before.status, to: changes.status },
      });
      await recordRequestChange(deps, tx, { request: after, kind: 'status', status: changes.status });
    }
    const changed = (['title', 'body'] as const).filter((field) => changes[field] !== undefined && changes[field] !== before[field]);
    if (changed.length > 0) await deps.events.emit(tx, { type: 'request.updated', projectId, data: { request: requestEventData(after), changed } });
    return toAdminRequest((await findRequestWithAuthor(tx, projectId, requestId))!);
  });
}
