import type { WebhookDelivery } from '@reqio/shared';
import { ConflictError } from '../../errors/conflict-error.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import { randomId } from '../../lib/random-id.js';
import { findWebhookDelivery, insertRedelivery, listWebhookAttempts, retryDeliveryNow } from '../../storage/webhooks/webhook-delivery-queries.js';
import { requireWebhookEndpoint } from './require-webhook-endpoint.js';
import type { ServiceDeps } from '../service-deps.js';
import { toWebhookDelivery } from './to-webhook-delivery.js';

/**
 * Sends a delivery again, now. One still being retried just has its next attempt brought
 * forward; one that succeeded or gave up gets a new delivery of the same event (same
 * `webhook-id`, so receivers can de-duplicate) with its own attempts and retries.
 * Returns the delivery that will carry the attempt.
 */
export async function redeliverWebhook(deps: Pick<ServiceDeps, 'db'>, projectId: string, webhookId: string, deliveryId: string): Promise<WebhookDelivery> {
  const endpoint = await requireWebhookEndpoint(deps.db, projectId, webhookId);
  if (!endpoint.enabled) throw new ConflictError('This webhook endpoint is disabled; enable it before redelivering.');
  const targetId = await deps.db.transaction(async (tx) => {
    const found = await findWebhookDelivery(tx, webhookId, deliveryId, { lock: true });
    if (found === undefined) throw new NotFoundError('There is no such delivery for this webhook endpoint.');
    if (found.delivery.state === 'pending') {
      await retryDeliveryNow(tx, deliveryId);
      return deliveryId;
    }
    const id = randomId('dlv');
    await insertRedelivery(tx, { id, of: deliveryId });
    return id;
  });
  const target = (await findWebhookDelivery(deps.db, webhookId, targetId))!;
  const attempts = await listWebhookAttempts(deps.db, [targetId]);
  return toWebhookDelivery(target.delivery, attempts.get(targetId) ?? []);
}
