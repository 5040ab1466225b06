// The answers the dashboard reads: every shape comes from @reqio/shared, the service's own declarations.
export type { AdminRequest, AdminRequestDetail, AdminUser, AdminVoter, RequestStatus, RotateSecretResponse } from '@reqio/shared';
export type { RotateWebhookSecretResponse, WebhookAttempt, WebhookDelivery, WebhookDeliveryState, WebhookEndpoint, WebhookEventType } from '@reqio/shared';
export type { SecretStatus, Snippet, SnippetFile, SnippetStack, TokenCheck, TokenDiagnosis } from '@reqio/shared';
export type { AdminProjectSettings as AdminProject, ApiKeyInfo as ApiKeyRecord } from '@reqio/shared';

export type { AuditEntry, AuditLog, InviteAnswer, LinkAnswer, MemberRole, PendingInvite, SessionAnswer, TeamAnswer, TeamMember, TwoFactorSetupAnswer } from '@reqio/shared';
export type { SignedInMember as Owner } from '@reqio/shared';
