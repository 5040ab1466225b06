import type { AuditActor } from '@reqio/shared';
import { recordAuditEntry } from '../audit/record-audit-entry.js';
import { decryptWebhookSecret } from '../../webhooks/webhook-secret-cipher.js';
import { requireWebhookEndpoint } from './require-webhook-endpoint.js';
import type { ServiceDeps } from '../service-deps.js';

/** An endpoint's current secret, for an admin who needs it again to configure the receiver; the audit log records who. */
export async function getWebhookSecret(deps: Pick<ServiceDeps, 'db' | 'cipher'>, projectId: string, webhookId: string, actor: AuditActor): Promise<string> {
  return deps.db.transaction(async (tx) => {
    const endpoint = await requireWebhookEndpoint(tx, projectId, webhookId);
    await recordAuditEntry(tx, { projectId, actor, action: 'webhook.secret_revealed', target: webhookId });
    return decryptWebhookSecret(deps.cipher, endpoint.id, endpoint.encryptedSecret);
  });
}
