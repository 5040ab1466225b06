// @reqio/server/webhooks: what a customer's receiver imports to check Reqio's deliveries.
// Web Crypto only: no Express, no database driver (a test checks), runs on any runtime with fetch.
export { verifyWebhookSignature, type VerifyWebhookSignatureOptions, type WebhookRequestHeaders } from './verify-webhook-signature.js';
export { signWebhookPayload, type WebhookHeaders } from './sign-webhook-payload.js';
export { WebhookVerificationError, WEBHOOK_VERIFICATION_ERROR_CODES, type WebhookVerificationErrorCode } from './webhook-verification-error.js';
export type { WebhookEvent, WebhookEventType } from '@reqio/shared';
