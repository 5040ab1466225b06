import { randomId } from '../../lib/random-id.js';
import type { Queryable } from '../../storage/database.js';
import type { RequestRecord } from '../../storage/requests/request-queries.js';
import { insertRequestUpdate } from '../../storage/updates/request-update-queries.js';
import type { ServiceDeps } from '../service-deps.js';

/**
 * Records a status change or a team reply in the transaction that made it: an entry of the
 * widget's updates, and the emails to the request's voters and commenters.
 */
export async function recordRequestChange(
  deps: Pick<ServiceDeps, 'notifier'>,
  tx: Queryable,
  change: { request: RequestRecord; kind: 'status' | 'reply'; status?: string; replyBody?: string },
): Promise<void> {
  const id = randomId('upd');
  const projectId = change.request.projectId;
  await insertRequestUpdate(tx, { id, projectId, requestId: change.request.id, kind: change.kind, status: change.status });
  await deps.notifier.notify(tx, { id, projectId, ...change });
}
