import type { WebhookDelivery } from '@reqio/shared';
import { NotFoundError } from '../../errors/not-found-error.js';
import { findWebhookDelivery, listWebhookAttempts } from '../../storage/webhooks/webhook-delivery-queries.js';
import { requireWebhookEndpoint } from './require-webhook-endpoint.js';
import type { ServiceDeps } from '../service-deps.js';
import { toWebhookDelivery } from './to-webhook-delivery.js';

/** One delivery with its attempts and the exact body it sends. */
export async function getWebhookDelivery(
  deps: Pick<ServiceDeps, 'db'>,
  projectId: string,
  webhookId: string,
  deliveryId: string,
): Promise<{ delivery: WebhookDelivery; payload: string }> {
  await requireWebhookEndpoint(deps.db, projectId, webhookId);
  const found = await findWebhookDelivery(deps.db, webhookId, deliveryId);
  if (found === undefined) throw new NotFoundError('There is no such delivery for this webhook endpoint.');
  const attempts = await listWebhookAttempts(deps.db, [deliveryId]);
  return { delivery: toWebhookDelivery(found.delivery, attempts.get(deliveryId) ?? []), payload: found.payload };
}
