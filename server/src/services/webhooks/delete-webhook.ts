import { NotFoundError } from '../../errors/not-found-error.js';
import { deleteWebhookEndpoint } from '../../storage/webhooks/webhook-endpoint-queries.js';
import type { ServiceDeps } from '../service-deps.js';

/** Deletes an endpoint with its delivery log; deliveries not yet sent are dropped. */
export async function deleteWebhook(deps: Pick<ServiceDeps, 'db'>, projectId: string, webhookId: string): Promise<void> {
  if (!(await deleteWebhookEndpoint(deps.db, projectId, webhookId))) throw new NotFoundError('There is no such webhook endpoint in this project.');
}
