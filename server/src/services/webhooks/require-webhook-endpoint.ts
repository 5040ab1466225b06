import { NotFoundError } from '../../errors/not-found-error.js';
import type { Queryable } from '../../storage/database.js';
import { findWebhookEndpoint, type WebhookEndpointRecord } from '../../storage/webhooks/webhook-endpoint-queries.js';

/** The project's endpoint, or a 404 `not_found`. */
export async function requireWebhookEndpoint(db: Queryable, projectId: string, webhookId: string): Promise<WebhookEndpointRecord> {
  const endpoint = await findWebhookEndpoint(db, projectId, webhookId);
  if (endpoint === undefined) throw new NotFoundError('There is no such webhook endpoint in this project.');
  return endpoint;
}
