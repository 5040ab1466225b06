// The answers the dashboard reads, typed from the service's own declarations.
export type { AdminRequest, AdminRequestDetail, AdminUser, AdminVoter, RequestStatus, RotateSecretResponse } from '@reqio/shared';
export type { AdminComment, NotificationSettings, SettableStatus } from '@reqio/shared';
export type { RotateWebhookSecretResponse, WebhookAttempt, WebhookDelivery, WebhookDeliveryState, WebhookEndpoint, WebhookEventType } from '@reqio/shared';
export type { AdminProject } from '../../src/services/projects/to-admin-project.js';
export type { SecretStatus } from '../../src/storage/projects/secret-status-queries.js';
export type { TokenCheck, TokenDiagnosis } from '../../src/setup/diagnose-identity-token.js';
export type { Snippet, SnippetFile } from '../../src/setup/snippets/snippet.js';
export type { SnippetStack } from '../../src/setup/snippets/snippet-stacks.js';
export type { ApiKeyRecord } from '../../src/storage/projects/api-key-queries.js';

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
