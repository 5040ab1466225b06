import type { WebhookAttempt, WebhookDelivery } from '@reqio/shared';
import type { WebhookDeliveryRecord } from '../../storage/webhooks/webhook-delivery-queries.js';

/** A delivery and its attempts as the delivery log shows them. */
export const toWebhookDelivery = (delivery: WebhookDeliveryRecord, attempts: WebhookAttempt[]): WebhookDelivery => ({
  id: delivery.id,
  webhookId: delivery.endpointId,
  event: { id: delivery.eventId, type: delivery.eventType, createdAt: delivery.eventCreatedAt },
  state: delivery.state,
  attemptCount: delivery.attemptCount,
  nextAttemptAt: delivery.nextAttemptAt,
  redeliveryOf: delivery.redeliveryOf,
  createdAt: delivery.createdAt,
  completedAt: delivery.completedAt,
  attempts,
});
