import type { WebhookEndpoint, updateWebhookBodySchema } from '@reqio/shared';
import type { z } from 'zod';
import { NotFoundError } from '../../errors/not-found-error.js';
import { updateWebhookEndpoint } from '../../storage/webhooks/webhook-endpoint-queries.js';
import type { ServiceDeps } from '../service-deps.js';
import { checkWebhookUrl } from './check-webhook-url.js';
import { toWebhookEndpoint } from './to-webhook-endpoint.js';

/**
 * Changes an endpoint's URL, events, description or enabled flag. Disabling pauses it:
 * new events are not queued for it, and deliveries already queued wait, to resume when
 * it is enabled again.
 */
export async function updateWebhook(
  deps: Pick<ServiceDeps, 'db' | 'webhookTargets'>,
  projectId: string,
  webhookId: string,
  changes: z.output<typeof updateWebhookBodySchema>,
): Promise<WebhookEndpoint> {
  if (changes.url !== undefined) await checkWebhookUrl(deps, changes.url);
  const endpoint = await updateWebhookEndpoint(deps.db, projectId, webhookId, {
    ...(changes.url !== undefined && { url: changes.url }),
    ...(changes.description !== undefined && { description: changes.description }),
    ...(changes.events !== undefined && { eventTypes: [...new Set(changes.events)] }),
    ...(changes.enabled !== undefined && { enabled: changes.enabled }),
  });
  if (endpoint === undefined) throw new NotFoundError('There is no such webhook endpoint in this project.');
  return toWebhookEndpoint(endpoint);
}
