import type { AuditActor } from '@reqio/shared';
import { NotFoundError } from '../../errors/not-found-error.js';
import { deleteRequest as storeDelete } from '../../storage/requests/request-queries.js';
import { recordAuditEntry } from '../audit/record-audit-entry.js';
import type { ServiceDeps } from '../service-deps.js';

/**
 * The team deletes a request with its votes and comments (and the requests merged into
 * it). Its votes leave with it, so no other request's totals change; a late comment on it
 * gets 409 `request_deleted`. The audit log records who deleted it.
 */
export async function deleteRequest(deps: Pick<ServiceDeps, 'db' | 'events'>, projectId: string, requestId: string, actor: AuditActor): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const deleted = await storeDelete(tx, projectId, requestId);
    if (deleted === undefined) throw new NotFoundError('There is no such request in this project.');
    await deps.events.emit(tx, { type: 'request.deleted', projectId, data: { request: { id: deleted.id, title: deleted.title } } });
    await recordAuditEntry(tx, { projectId, actor, action: 'request.deleted', target: requestId, changes: { title: deleted.title, votes: deleted.votes } });
  });
}
