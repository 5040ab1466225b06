import type { WebhookEndpoint, createWebhookBodySchema } from '@reqio/shared';
import type { z } from 'zod';
import { ConflictError } from '../../errors/conflict-error.js';
import { randomId } from '../../lib/random-id.js';
import { insertWebhookEndpoint } from '../../storage/webhooks/webhook-endpoint-queries.js';
import { generateWebhookSecret } from '../../webhooks/generate-webhook-secret.js';
import { encryptWebhookSecret } from '../../webhooks/webhook-secret-cipher.js';
import { loadProject } from '../projects/load-project.js';
import type { ServiceDeps } from '../service-deps.js';
import { checkWebhookUrl } from './check-webhook-url.js';
import { toWebhookEndpoint } from './to-webhook-endpoint.js';

/** Most endpoints one project may have: each event is sent to each, so this bounds the fan-out. */
export const MAX_WEBHOOK_ENDPOINTS = 20;

/** Adds a webhook endpoint with a fresh `whsec_` secret (encrypted at rest); the secret is returned to show the caller. */
export async function createWebhook(
  deps: Pick<ServiceDeps, 'db' | 'cipher' | 'keyRing' | 'webhookTargets'>,
  projectId: string,
  input: z.output<typeof createWebhookBodySchema>,
): Promise<{ webhook: WebhookEndpoint; secret: string }> {
  await loadProject(deps.keyRing, projectId);
  await checkWebhookUrl(deps, input.url);
  const id = randomId('whk');
  const secret = generateWebhookSecret();
  const endpoint = await deps.db.transaction((tx) =>
    insertWebhookEndpoint(
      tx,
      {
        id,
        projectId,
        url: input.url,
        description: input.description,
        eventTypes: [...new Set(input.events)],
        enabled: input.enabled,
        encryptedSecret: encryptWebhookSecret(deps.cipher, id, secret),
      },
      MAX_WEBHOOK_ENDPOINTS,
    ),
  );
  if (endpoint === undefined) throw new ConflictError(`A project may have at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints; delete one first.`);
  return { webhook: toWebhookEndpoint(endpoint), secret };
}
