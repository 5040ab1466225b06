import {
  apiErrorBodySchema,
  notificationSettingsResponseSchema,
  testEmailBodySchema,
  testEmailResponseSchema,
  updateNotificationsBodySchema,
  accountListQuerySchema,
  adminAccountDetailSchema,
  adminAccountListSchema,
  adminCommentListSchema,
  mergeRequestBodySchema,
  adminListQuerySchema,
  createCommentBodySchema,
  createTeamCommentBodySchema,
  createdAdminCommentSchema,
  createdWidgetCommentSchema,
  similarQuerySchema,
  similarRequestsSchema,
  updateOwnRequestBodySchema,
  updatesResponseSchema,
  widgetListQuerySchema,
  widgetRequestDetailResponseSchema,
  adminProjectResponseSchema,
  adminRequestDetailSchema,
  adminRequestListSchema,
  adminRequestResponseSchema,
  adminUserListSchema,
  adminUserResponseSchema,
  anonymousSessionBodySchema,
  anonymousSessionResponseSchema,
  auditLogQuerySchema,
  auditLogSchema,
  apiKeyListSchema,
  createApiKeyBodySchema,
  createRequestBodySchema,
  createWebhookBodySchema,
  createWebhookResponseSchema,
  createdApiKeySchema,
  createdRequestSchema,
  endSecretGraceResponseSchema,
  healthResponseSchema,
  identifyBodySchema,
  identifyFailuresSchema,
  identifyResponseSchema,
  pageQuerySchema,
  rotateSecretBodySchema,
  rotateSecretResponseSchema,
  rotateWebhookSecretBodySchema,
  rotateWebhookSecretResponseSchema,
  updateProjectBodySchema,
  updateRequestBodySchema,
  updateWebhookBodySchema,
  voteResponseSchema,
  webhookDeliveryDetailSchema,
  webhookDeliveryListSchema,
  webhookDeliveryQuerySchema,
  webhookDeliverySchema,
  webhookEndpointSchema,
  widgetRequestListSchema,
} from '@reqio/shared';
import { z } from 'zod';

/** One answer of an operation: JSON described by `schema`, another media type, or no body. */
export interface ApiResponse {
  description: string;
  schema?: z.ZodType;
  /** Default `application/json`. */
  contentType?: string;
}

/** One operation of the HTTP API, as the OpenAPI description states it. */
export interface ApiOperation {
  /** The operationId: stable, for generated clients. */
  id: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The Express pattern, e.g. `/v1/admin/projects/:projectId/webhooks/:webhookId`. */
  path: string;
  tag: 'System' | 'Widget' | 'Admin' | 'Webhooks';
  summary: string;
  auth: 'none' | 'identity-token' | 'session' | 'admin';
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, ApiResponse>;
}

const WIDGET = '/v1/projects/:projectId';
const ADMIN = '/v1/admin/projects/:projectId';

// The routes compose these from shared parts in place; the same compositions here.
const csvQuery = adminListQuerySchema.omit({ limit: true, offset: true });
const failuresQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });
const openApiDocumentSchema = z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) });

const json = (description: string, schema: z.ZodType): ApiResponse => ({ description, schema });
const noContent: ApiResponse = { description: 'Done; no body.' };

/**
 * Every operation of the HTTP API: the system routes, the widget API and the admin API.
 * A test checks this table against the routes the app really has, both ways.
 */
export const API_OPERATIONS: readonly ApiOperation[] = [
  { id: 'getHealth', method: 'get', path: '/healthz', tag: 'System', summary: 'Whether the service and its store answer', auth: 'none', responses: { 200: json('Healthy.', healthResponseSchema), 503: json('The store does not answer.', healthResponseSchema) } },
  { id: 'getMetrics', method: 'get', path: '/metrics', tag: 'System', summary: 'Prometheus metrics', auth: 'none', responses: { 200: { description: 'Metrics in the Prometheus text format.', contentType: 'text/plain' } } },
  { id: 'getWidgetScript', method: 'get', path: '/widget.js', tag: 'System', summary: 'The widget script', auth: 'none', responses: { 200: { description: 'The widget bundle.', contentType: 'text/javascript' }, 503: { description: 'The widget is not built.', contentType: 'text/javascript' } } },
  { id: 'getMintPackage', method: 'get', path: '/packages/reqio-mint.tgz', tag: 'System', summary: 'The @reqio/mint package of this version, for npm install', auth: 'none', responses: { 200: { description: 'The npm tarball.', contentType: 'application/gzip' }, 503: { description: 'The package is not built.', contentType: 'text/plain' } } },
  { id: 'getOpenApiDocument', method: 'get', path: '/v1/openapi.json', tag: 'System', summary: 'This description of the API (OpenAPI 3.1)', auth: 'none', responses: { 200: json('The OpenAPI document.', openApiDocumentSchema) } },

  { id: 'getUnsubscribePage', method: 'get', path: '/v1/unsubscribe/:token', tag: 'System', summary: 'The page an email’s unsubscribe link opens: asks to confirm', auth: 'none', responses: { 200: { description: 'A confirmation page.', contentType: 'text/html' } } },
  { id: 'unsubscribe', method: 'post', path: '/v1/unsubscribe/:token', tag: 'System', summary: 'Stop a project’s emails to the link’s address (RFC 8058 one-click)', auth: 'none', responses: { 200: { description: 'A page saying so.', contentType: 'text/html' } } },

  { id: 'identify', method: 'post', path: `${WIDGET}/identify`, tag: 'Widget', summary: 'Exchange an identity token for a widget session', auth: 'identity-token', body: identifyBodySchema, responses: { 200: json('The session and the user; warnings when traits were dropped.', identifyResponseSchema) } },
  { id: 'startAnonymousSession', method: 'post', path: `${WIDGET}/sessions`, tag: 'Widget', summary: 'Start an anonymous widget session', auth: 'none', body: anonymousSessionBodySchema, responses: { 200: json('The anonymous session.', anonymousSessionResponseSchema) } },
  { id: 'listWidgetRequests', method: 'get', path: `${WIDGET}/requests`, tag: 'Widget', summary: 'List feature requests as the widget shows them', auth: 'session', query: widgetListQuerySchema, responses: { 200: json('A page of requests (never merged ones), without other users’ emails, traits or revenue; searched and ranked with q.', widgetRequestListSchema) } },
  { id: 'listSimilarRequests', method: 'get', path: `${WIDGET}/requests/similar`, tag: 'Widget', summary: 'Up to 5 open requests like a title being typed', auth: 'session', query: similarQuerySchema, responses: { 200: json('The requests, most alike first.', similarRequestsSchema) } },
  { id: 'getWidgetRequest', method: 'get', path: `${WIDGET}/requests/:requestId`, tag: 'Widget', summary: 'One request with its comments; a merged id answers its target', auth: 'session', responses: { 200: json('The request and its comments (never internal notes).', widgetRequestDetailResponseSchema) } },
  { id: 'updateOwnRequest', method: 'patch', path: `${WIDGET}/requests/:requestId`, tag: 'Widget', summary: 'Edit your own request while it is open', auth: 'session', body: updateOwnRequestBodySchema, responses: { 200: json('The request.', createdRequestSchema) } },
  { id: 'deleteOwnRequest', method: 'delete', path: `${WIDGET}/requests/:requestId`, tag: 'Widget', summary: 'Delete your own request while it is open', auth: 'session', responses: { 204: noContent } },
  { id: 'createComment', method: 'post', path: `${WIDGET}/requests/:requestId/comments`, tag: 'Widget', summary: 'Comment on a request', auth: 'session', body: createCommentBodySchema, responses: { 201: json('The comment.', createdWidgetCommentSchema) } },
  { id: 'deleteOwnComment', method: 'delete', path: `${WIDGET}/requests/:requestId/comments/:commentId`, tag: 'Widget', summary: 'Delete your own comment', auth: 'session', responses: { 204: noContent } },
  { id: 'listUpdates', method: 'get', path: `${WIDGET}/updates`, tag: 'Widget', summary: 'New statuses and team replies on the requests you voted for or commented on, since you last looked', auth: 'session', responses: { 200: json('The updates, newest first.', updatesResponseSchema) } },
  { id: 'markUpdatesSeen', method: 'post', path: `${WIDGET}/updates/seen`, tag: 'Widget', summary: 'Mark your updates read', auth: 'session', responses: { 204: noContent } },
  { id: 'createRequest', method: 'post', path: `${WIDGET}/requests`, tag: 'Widget', summary: 'Submit a feature request (with the author’s vote)', auth: 'session', body: createRequestBodySchema, responses: { 201: json('The new request.', createdRequestSchema) } },
  { id: 'castVote', method: 'put', path: `${WIDGET}/requests/:requestId/vote`, tag: 'Widget', summary: 'Vote for a request (idempotent)', auth: 'session', responses: { 200: json('The vote count.', voteResponseSchema) } },
  { id: 'removeVote', method: 'delete', path: `${WIDGET}/requests/:requestId/vote`, tag: 'Widget', summary: 'Take a vote back (idempotent)', auth: 'session', responses: { 200: json('The vote count.', voteResponseSchema) } },

  { id: 'getProject', method: 'get', path: ADMIN, tag: 'Admin', summary: 'The project’s settings', auth: 'admin', responses: { 200: json('The project.', adminProjectResponseSchema) } },
  { id: 'updateProject', method: 'patch', path: ADMIN, tag: 'Admin', summary: 'Change the project’s settings', auth: 'admin', body: updateProjectBodySchema, responses: { 200: json('The project.', adminProjectResponseSchema) } },
  { id: 'listRequests', method: 'get', path: `${ADMIN}/requests`, tag: 'Admin', summary: 'List requests, ranked by the revenue behind them by default', auth: 'admin', query: adminListQuerySchema, responses: { 200: json('A page of requests with votes, accounts and monthly revenue; searched with q, filtered by status or to a segment (plan, minMonthlyAmount).', adminRequestListSchema) } },
  { id: 'exportRequestsCsv', method: 'get', path: `${ADMIN}/requests.csv`, tag: 'Admin', summary: 'The backlog as CSV', auth: 'admin', query: csvQuery, responses: { 200: { description: 'id, title, status, votes, accounts, monthlyRevenue, createdAt.', contentType: 'text/csv' } } },
  { id: 'getRequest', method: 'get', path: `${ADMIN}/requests/:requestId`, tag: 'Admin', summary: 'One request with its voters, grouped by account, highest paying first', auth: 'admin', responses: { 200: json('The request, its voters and their accounts.', adminRequestDetailSchema) } },
  { id: 'updateRequest', method: 'patch', path: `${ADMIN}/requests/:requestId`, tag: 'Admin', summary: 'Change a request’s status, title or body', auth: 'admin', body: updateRequestBodySchema, responses: { 200: json('The request.', adminRequestResponseSchema) } },
  { id: 'deleteRequest', method: 'delete', path: `${ADMIN}/requests/:requestId`, tag: 'Admin', summary: 'Delete a request with its votes and comments', auth: 'admin', responses: { 204: noContent } },
  { id: 'mergeRequest', method: 'post', path: `${ADMIN}/requests/:requestId/merge`, tag: 'Admin', summary: 'Merge a duplicate into another request: votes and comments move', auth: 'admin', body: mergeRequestBodySchema, responses: { 200: json('The request merged into.', adminRequestResponseSchema) } },
  { id: 'listComments', method: 'get', path: `${ADMIN}/requests/:requestId/comments`, tag: 'Admin', summary: 'A request’s comments, internal notes included', auth: 'admin', responses: { 200: json('The comments, oldest first.', adminCommentListSchema) } },
  { id: 'createTeamComment', method: 'post', path: `${ADMIN}/requests/:requestId/comments`, tag: 'Admin', summary: 'Reply as the team, or leave an internal note', auth: 'admin', body: createTeamCommentBodySchema, responses: { 201: json('The comment.', createdAdminCommentSchema) } },
  { id: 'deleteComment', method: 'delete', path: `${ADMIN}/requests/:requestId/comments/:commentId`, tag: 'Admin', summary: 'Remove a comment (moderation)', auth: 'admin', responses: { 204: noContent } },
  { id: 'listUsers', method: 'get', path: `${ADMIN}/users`, tag: 'Admin', summary: 'List identified users, highest monthly amount first', auth: 'admin', query: pageQuerySchema, responses: { 200: json('Users and their total.', adminUserListSchema) } },
  { id: 'getUser', method: 'get', path: `${ADMIN}/users/:userId`, tag: 'Admin', summary: 'One user, by your own user id (the token’s sub)', auth: 'admin', responses: { 200: json('The user.', adminUserResponseSchema) } },
  { id: 'deleteUser', method: 'delete', path: `${ADMIN}/users/:userId`, tag: 'Admin', summary: 'Delete a user and their votes', auth: 'admin', responses: { 204: noContent } },
  { id: 'listAccounts', method: 'get', path: `${ADMIN}/accounts`, tag: 'Admin', summary: 'List paying accounts (companies, and users alone), highest monthly amount first', auth: 'admin', query: accountListQuerySchema, responses: { 200: json('Accounts with their users and votes.', adminAccountListSchema) } },
  { id: 'getAccount', method: 'get', path: `${ADMIN}/accounts/:accountId`, tag: 'Admin', summary: 'One account with its users and the requests they voted for', auth: 'admin', responses: { 200: json('The account.', adminAccountDetailSchema) } },
  { id: 'rotateSecret', method: 'post', path: `${ADMIN}/secrets`, tag: 'Admin', summary: 'Rotate the identity secret', auth: 'admin', body: rotateSecretBodySchema, responses: { 200: json('The new secret, shown once.', rotateSecretResponseSchema) } },
  { id: 'endSecretGrace', method: 'delete', path: `${ADMIN}/secrets/previous`, tag: 'Admin', summary: 'End the previous identity secret’s grace period now', auth: 'admin', responses: { 200: json('Whether a previous secret was still valid.', endSecretGraceResponseSchema) } },
  { id: 'listApiKeys', method: 'get', path: `${ADMIN}/api-keys`, tag: 'Admin', summary: 'List API keys (never the keys themselves)', auth: 'admin', responses: { 200: json('The keys.', apiKeyListSchema) } },
  { id: 'createApiKey', method: 'post', path: `${ADMIN}/api-keys`, tag: 'Admin', summary: 'Create an API key', auth: 'admin', body: createApiKeyBodySchema, responses: { 201: json('The key, shown once.', createdApiKeySchema) } },
  { id: 'revokeApiKey', method: 'delete', path: `${ADMIN}/api-keys/:keyId`, tag: 'Admin', summary: 'Revoke an API key', auth: 'admin', responses: { 204: noContent } },
  { id: 'listAuditLog', method: 'get', path: `${ADMIN}/audit-log`, tag: 'Admin', summary: 'The audit log: sensitive actions with who did them, newest first (admins and API keys)', auth: 'admin', query: auditLogQuerySchema, responses: { 200: json('A page of entries; never a secret.', auditLogSchema) } },
  { id: 'listIdentifyFailures', method: 'get', path: `${ADMIN}/identify-failures`, tag: 'Admin', summary: 'Recently refused identity tokens, and counts per code', auth: 'admin', query: failuresQuery, responses: { 200: json('The refusals (never the tokens).', identifyFailuresSchema) } },

  { id: 'getNotifications', method: 'get', path: `${ADMIN}/notifications`, tag: 'Admin', summary: 'Whether voters and commenters get emails, and whether SMTP is set up', auth: 'admin', responses: { 200: json('The notification settings.', notificationSettingsResponseSchema) } },
  { id: 'updateNotifications', method: 'patch', path: `${ADMIN}/notifications`, tag: 'Admin', summary: 'Turn the project’s emails on or off', auth: 'admin', body: updateNotificationsBodySchema, responses: { 200: json('The notification settings.', notificationSettingsResponseSchema) } },
  { id: 'sendTestEmail', method: 'post', path: `${ADMIN}/notifications/test-email`, tag: 'Admin', summary: 'Send a test email now', auth: 'admin', body: testEmailBodySchema, responses: { 200: json('Whether the SMTP server took it.', testEmailResponseSchema), 409: json('SMTP_URL is not set.', apiErrorBodySchema) } },

  { id: 'listWebhooks', method: 'get', path: `${ADMIN}/webhooks`, tag: 'Webhooks', summary: 'List webhook endpoints', auth: 'admin', responses: { 200: json('The endpoints.', z.object({ webhooks: z.array(webhookEndpointSchema) })) } },
  { id: 'createWebhook', method: 'post', path: `${ADMIN}/webhooks`, tag: 'Webhooks', summary: 'Add a webhook endpoint', auth: 'admin', body: createWebhookBodySchema, responses: { 201: json('The endpoint and its whsec_ secret.', createWebhookResponseSchema) } },
  { id: 'getWebhook', method: 'get', path: `${ADMIN}/webhooks/:webhookId`, tag: 'Webhooks', summary: 'One webhook endpoint', auth: 'admin', responses: { 200: json('The endpoint.', z.object({ webhook: webhookEndpointSchema })) } },
  { id: 'updateWebhook', method: 'patch', path: `${ADMIN}/webhooks/:webhookId`, tag: 'Webhooks', summary: 'Change an endpoint’s URL, events, description or enabled flag', auth: 'admin', body: updateWebhookBodySchema, responses: { 200: json('The endpoint.', z.object({ webhook: webhookEndpointSchema })) } },
  { id: 'deleteWebhook', method: 'delete', path: `${ADMIN}/webhooks/:webhookId`, tag: 'Webhooks', summary: 'Delete an endpoint and its delivery log', auth: 'admin', responses: { 204: noContent } },
  { id: 'getWebhookSecret', method: 'get', path: `${ADMIN}/webhooks/:webhookId/secret`, tag: 'Webhooks', summary: 'The endpoint’s current signing secret', auth: 'admin', responses: { 200: json('The secret.', z.object({ secret: z.string() })) } },
  { id: 'rotateWebhookSecret', method: 'post', path: `${ADMIN}/webhooks/:webhookId/secret/rotate`, tag: 'Webhooks', summary: 'Rotate the signing secret; the old one keeps signing during the grace period', auth: 'admin', body: rotateWebhookSecretBodySchema, responses: { 200: json('The new secret.', rotateWebhookSecretResponseSchema) } },
  { id: 'listWebhookDeliveries', method: 'get', path: `${ADMIN}/webhooks/:webhookId/deliveries`, tag: 'Webhooks', summary: 'The delivery log: deliveries with every attempt, newest first', auth: 'admin', query: webhookDeliveryQuerySchema, responses: { 200: json('Deliveries and their total.', webhookDeliveryListSchema) } },
  { id: 'getWebhookDelivery', method: 'get', path: `${ADMIN}/webhooks/:webhookId/deliveries/:deliveryId`, tag: 'Webhooks', summary: 'One delivery with its attempts and the exact body sent', auth: 'admin', responses: { 200: json('The delivery and its body.', webhookDeliveryDetailSchema) } },
  { id: 'redeliverWebhook', method: 'post', path: `${ADMIN}/webhooks/:webhookId/deliveries/:deliveryId/redeliver`, tag: 'Webhooks', summary: 'Send a delivery again now', auth: 'admin', responses: { 202: json('The delivery that will carry the attempt.', z.object({ delivery: webhookDeliverySchema })) } },
];
