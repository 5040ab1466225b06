// The answers the dashboard reads: every shape comes from @reqio/shared, the service's own declarations.
export type { AdminRequest, AdminRequestDetail, AdminUser, AdminVoter, RequestStatus, RotateSecretResponse } from '@reqio/shared';
export type { RotateWebhookSecretResponse, WebhookAttempt, WebhookDelivery, WebhookDeliveryState, WebhookEndpoint, WebhookEventType } from '@reqio/shared';
export type { SecretStatus, Snippet, SnippetFile, SnippetStack, TokenCheck, TokenDiagnosis } from '@reqio/shared';
export type { AdminProjectSettings as AdminProject, ApiKeyInfo as ApiKeyRecord } from '@reqio/shared';

/** The signed-in owner. */
export interface Owner {
  id: string;
  email: string;
}

/** `GET /dashboard/api/session`. */
export interface SessionAnswer {
  state: 'setup_required' | 'signed_out' | 'signed_in';
  owner: Owner | null;
  csrfToken: string;
  minPasswordLength: number;
}
