import type { WebhookEndpoint } from '@reqio/shared';
import type { WebhookEndpointRecord } from '../../storage/webhooks/webhook-endpoint-queries.js';

/** An endpoint as the admin API shows it: never its secrets. */
export const toWebhookEndpoint = (endpoint: WebhookEndpointRecord): WebhookEndpoint => ({
  id: endpoint.id,
  url: endpoint.url,
  description: endpoint.description,
  events: endpoint.eventTypes,
  enabled: endpoint.enabled,
  previousSecretValidUntil: endpoint.previousSecretValidUntil,
  createdAt: endpoint.createdAt,
  updatedAt: endpoint.updatedAt,
});
