import { recordAuditEntry } from '../audit/record-audit-entry.js';
import type { AuditActor, RotateWebhookSecretResponse } from '@reqio/shared';
import { NotFoundError } from '../../errors/not-found-error.js';
import { replaceWebhookSecret } from '../../storage/webhooks/webhook-endpoint-queries.js';
import { generateWebhookSecret } from '../../webhooks/generate-webhook-secret.js';
import { encryptWebhookSecret } from '../../webhooks/webhook-secret-cipher.js';
import type { ServiceDeps } from '../service-deps.js';

/**
 * Gives an endpoint a new secret. For `gracePeriodSeconds` deliveries carry a signature
 * with each secret (`v1,<new> v1,<old>`), so a receiver keeps verifying while it is
 * redeployed with the new one; 0 stops the old secret at once (the response to a leak).
 */
export async function rotateWebhookSecret(
  deps: Pick<ServiceDeps, 'db' | 'cipher'>,
  projectId: string,
  webhookId: string,
  gracePeriodSeconds: number,
  actor: AuditActor,
): Promise<RotateWebhookSecretResponse> {
  const secret = generateWebhookSecret();
  const previousValidUntil = gracePeriodSeconds > 0 ? new Date(Date.now() + gracePeriodSeconds * 1000) : null;
  await deps.db.transaction(async (tx) => {
    const endpoint = await replaceWebhookSecret(tx, projectId, webhookId, encryptWebhookSecret(deps.cipher, webhookId, secret), previousValidUntil);
    if (endpoint === undefined) throw new NotFoundError('There is no such webhook endpoint in this project.');
    await recordAuditEntry(tx, {
      projectId,
      actor,
      action: 'webhook.updated',
      target: webhookId,
      changes: { secret: 'rotated', gracePeriodSeconds, previousValidUntil: previousValidUntil?.toISOString() ?? null },
    });
  });
  return { secret, previousValidUntil: previousValidUntil?.toISOString() ?? null };
}
