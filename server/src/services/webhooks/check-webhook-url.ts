import { ValidationError } from '../../errors/validation-error.js';
import { WebhookTargetRefusedError } from '../../webhooks/webhook-target-guard.js';
import type { ServiceDeps } from '../service-deps.js';

/** Refuses, with 400 `validation_failed` on `url`, an endpoint URL the SSRF guard refuses (CONTRACT §5). */
export async function checkWebhookUrl(deps: Pick<ServiceDeps, 'webhookTargets'>, url: string): Promise<void> {
  try {
    await deps.webhookTargets.check(url);
  } catch (error) {
    if (!(error instanceof WebhookTargetRefusedError)) throw error;
    throw new ValidationError(`body.url ${error.reason}.`, { url: error.reason });
  }
}
