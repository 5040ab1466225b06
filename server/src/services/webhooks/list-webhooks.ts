import type { WebhookEndpoint } from '@reqio/shared';
import { listWebhookEndpoints } from '../../storage/webhooks/webhook-endpoint-queries.js';
import type { ServiceDeps } from '../service-deps.js';
import { toWebhookEndpoint } from './to-webhook-endpoint.js';

/** A project's webhook endpoints, oldest first. */
export async function listWebhooks(deps: Pick<ServiceDeps, 'db'>, projectId: string): Promise<WebhookEndpoint[]> {
  return (await listWebhookEndpoints(deps.db, projectId)).map(toWebhookEndpoint);
}
