// @reqio/server/client: a typed client of the admin API for your own scripts and servers.
// fetch only: no Express, no database driver (a test checks).
export { ReqioClient, type ReqioClientOptions, type PageOptions, type CreateWebhookInput, type RequestListOptions, type RequestChanges } from './reqio-client.js';
export { ReqioApiError, type ReqioClientErrorCode } from './reqio-api-error.js';
export { ReqioNotFoundError } from './reqio-not-found-error.js';
export { ReqioUnauthorizedError } from './reqio-unauthorized-error.js';
export { ReqioValidationError } from './reqio-validation-error.js';
export { ReqioRateLimitedError } from './reqio-rate-limited-error.js';
export { ReqioNetworkError } from './reqio-network-error.js';
export type {
  AdminAccount,
  AdminAccountDetail,
  AdminAccountList,
  AdminComment,
  AdminProjectSettings,
  AdminRequest,
  AdminRequestDetail,
  AdminUser,
  AdminVoter,
  RequestStatus,
  SettableStatus,
  RotateSecretResponse,
  RotateWebhookSecretResponse,
  WebhookAttempt,
  WebhookDelivery,
  WebhookDeliveryState,
  WebhookEndpoint,
  WebhookEventType,
} from '@reqio/shared';
