import type { AuditActor } from '@reqio/shared';
import { recordAuditEntry } from '../audit/record-audit-entry.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import { deleteWebhookEndpoint } from '../../storage/webhooks/webhook-endpoint-queries.js';
import type { ServiceDeps } from '../service-deps.js';

/** Deletes an endpoint with its delivery log; deliveries not yet sent are dropped. */
export async function deleteWebhook(deps: Pick<ServiceDeps, 'db'>, projectId: string, webhookId: string, actor: AuditActor): Promise<void> {
  await deps.db.transaction(async (tx) => {
    if (!(await deleteWebhookEndpoint(tx, projectId, webhookId))) throw new NotFoundError('There is no such webhook endpoint in this project.');
    await recordAuditEntry(tx, { projectId, actor, action: 'webhook.deleted', target: webhookId });
  });
}
