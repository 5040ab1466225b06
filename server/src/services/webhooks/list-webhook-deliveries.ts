import type { WebhookDelivery, WebhookDeliveryState } from '@reqio/shared';
import { listWebhookAttempts, listWebhookDeliveries as storeListDeliveries } from '../../storage/webhooks/webhook-delivery-queries.js';
import { requireWebhookEndpoint } from './require-webhook-endpoint.js';
import type { ServiceDeps } from '../service-deps.js';
import { toWebhookDelivery } from './to-webhook-delivery.js';

/** An endpoint's delivery log, newest first: each delivery with its attempts (status, timing, error, answer excerpt). */
export async function listWebhookDeliveries(
  deps: Pick<ServiceDeps, 'db'>,
  projectId: string,
  webhookId: string,
  query: { limit: number; offset: number; state?: WebhookDeliveryState | undefined },
): Promise<{ deliveries: WebhookDelivery[]; total: number }> {
  await requireWebhookEndpoint(deps.db, projectId, webhookId);
  const { deliveries, total } = await storeListDeliveries(deps.db, webhookId, query);
  const attempts = await listWebhookAttempts(deps.db, deliveries.map((delivery) => delivery.id));
  return { deliveries: deliveries.map((delivery) => toWebhookDelivery(delivery, attempts.get(delivery.id) ?? [])), total };
}
