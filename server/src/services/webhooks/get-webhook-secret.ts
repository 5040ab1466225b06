import { decryptWebhookSecret } from '../../webhooks/webhook-secret-cipher.js';
import { requireWebhookEndpoint } from './require-webhook-endpoint.js';
import type { ServiceDeps } from '../service-deps.js';

/** An endpoint's current secret, for an admin who needs it again to configure the receiver. */
export async function getWebhookSecret(deps: Pick<ServiceDeps, 'db' | 'cipher'>, projectId: string, webhookId: string): Promise<string> {
  const endpoint = await requireWebhookEndpoint(deps.db, projectId, webhookId);
  return decryptWebhookSecret(deps.cipher, endpoint.id, endpoint.encryptedSecret);
}
