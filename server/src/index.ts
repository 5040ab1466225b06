// @reqio/server: the service and identity token verification.
export {
  verifyIdentityToken,
  type VerifyIdentityTokenOptions,
  type VerifiedIdentity,
  type TraitsInvalidWarning,
  type IdentityWarning,
} from './identity/verify-identity-token.js';
export { IdentityTokenError } from './identity/identity-token-error.js';
export { mintIdentityToken } from './mint/mint-identity-token.js';
export { createApp } from './http/create-app.js';
export type { AppDeps, AdminAuthenticator, AdminCaller } from './http/app-deps.js';
export { startServer, type RunningServer } from './start-server.js';
export { createAppDeps } from './create-app-deps.js';
export { loadConfig, type Config } from './config/load-config.js';
export { verifyWebhookSignature, type VerifyWebhookSignatureOptions } from './webhooks/verify-webhook-signature.js';
export { WebhookVerificationError, type WebhookVerificationErrorCode } from './webhooks/webhook-verification-error.js';
export { createWebhookWorker, type WebhookWorker, type WebhookWorkerOptions } from './webhooks/create-webhook-worker.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './webhooks/retry-delay.js';
export { buildOpenApiDocument } from './openapi/build-openapi-document.js';
