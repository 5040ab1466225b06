import type { WebhookEndpoint } from '@reqio/shared';
import { requireWebhookEndpoint } from './require-webhook-endpoint.js';
import type { ServiceDeps } from '../service-deps.js';
import { toWebhookEndpoint } from './to-webhook-endpoint.js';

/** One webhook endpoint of a project. */
export async function getWebhook(deps: Pick<ServiceDeps, 'db'>, projectId: string, webhookId: string): Promise<WebhookEndpoint> {
  return toWebhookEndpoint(await requireWebhookEndpoint(deps.db, projectId, webhookId));
}
