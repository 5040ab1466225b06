import express from 'express';
import {
  accountListQuerySchema,
  adminListQuerySchema,
  auditLogQuerySchema,
  createApiKeyBodySchema,
  createTeamCommentBodySchema,
  mergeRequestBodySchema,
  pageQuerySchema,
  rotateSecretBodySchema,
  testEmailBodySchema,
  updateNotificationsBodySchema,
  updateRequestBodySchema,
} from '@reqio/shared';
import { z } from 'zod';
import { NotFoundError } from '../../errors/not-found-error.js';
import { getAccount } from '../../services/accounts/get-account.js';
import { listAccounts } from '../../services/accounts/list-accounts.js';
import { addApiKey } from '../../services/projects/add-api-key.js';
import { revokeProjectApiKey } from '../../services/projects/revoke-project-api-key.js';
import { listAuditLog } from '../../services/audit/list-audit-log.js';
import { actorOf } from '../actor-of.js';
import { deleteUser } from '../../services/users/delete-user.js';
import { endSecretGrace } from '../../services/projects/end-secret-grace.js';
import { getAdminRequest } from '../../services/requests/get-admin-request.js';
import { getUser } from '../../services/users/get-user.js';
import { listAdminRequests } from '../../services/requests/list-admin-requests.js';
import { listUsers } from '../../services/users/list-users.js';
import { loadProject } from '../../services/projects/load-project.js';
import { rotateSecret } from '../../services/projects/rotate-secret.js';
import { toAdminProject } from '../../services/projects/to-admin-project.js';
import { updateProjectSettings } from '../../services/projects/update-project-settings.js';
import { updateRequest } from '../../services/requests/update-request.js';
import { createTeamComment } from '../../services/comments/create-team-comment.js';
import { deleteComment } from '../../services/comments/delete-comment.js';
import { listAdminComments } from '../../services/comments/list-admin-comments.js';
import { exportRequestsCsv } from '../../services/requests/export-requests-csv.js';
import { deleteRequest } from '../../services/requests/delete-request.js';
import { mergeRequests } from '../../services/requests/merge-requests.js';
import { getNotificationSettings, updateNotificationSettings } from '../../services/notifications/get-notification-settings.js';
import { sendTestEmail } from '../../services/notifications/send-test-email.js';
import { listApiKeys } from '../../storage/projects/api-key-queries.js';
import { listIdentifyFailures } from '../../storage/users/identify-failure-queries.js';
import type { AdminCaller, AppDeps } from '../app-deps.js';
import { invalidateWidgetLists } from '../middleware/invalidate-widget-lists.js';
import { apiKeyAuthenticator, requireAdmin } from '../middleware/require-admin.js';
import { parseInput } from '../parse-input.js';
import { ADMINS_STEP_UP, MEMBERS, buildRouter, createRouteBuilder, type RouteSpec } from '../route-spec.js';
import { webhookRoutes } from './webhook-routes.js';

/** Where the admin routes are mounted. */
export const ADMIN_BASE = '/v1/admin/projects/:projectId';

const csvQuerySchema = adminListQuerySchema.omit({ limit: true, offset: true });
const failuresQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/**
 * The admin routes under `/v1/admin/projects/:projectId` (CONTRACT §4), for API keys and
 * the dashboard. Each declares who may call it (CONTRACT §9): `MEMBERS` for backlog work,
 * `ADMINS_STEP_UP` for what reveals or makes a credential, admins only otherwise.
 */
export function adminRoutes(deps: AppDeps): RouteSpec[] {
  const admin = requireAdmin([apiKeyAuthenticator(deps.db), ...(deps.adminAuthenticators ?? [])]);
  const projectId = (request: express.Request) => String(request.params.projectId);
  const route = createRouteBuilder('admin', admin);
  return [
    route('get', '/', async (request, response) => {
      const entry = await loadProject(deps.keyRing, projectId(request));
      response.json({ project: toAdminProject(entry.project, deps.config.publicUrl) });
    }, MEMBERS),
    route('patch', '/', async (request, response) => {
      const project = await updateProjectSettings(deps, projectId(request), request.body, actorOf(response));
      response.json({ project: toAdminProject(project, deps.config.publicUrl) });
    }),
    route('get', '/requests', async (request, response) => {
      const query = parseInput(adminListQuerySchema, request.query, 'query');
      response.json(await listAdminRequests(deps, projectId(request), query));
    }, MEMBERS),
    route('get', '/requests.csv', async (request, response) => {
      const query = parseInput(csvQuerySchema, request.query, 'query');
      response.set('Content-Type', 'text/csv; charset=utf-8');
      response.set('Content-Disposition', 'attachment; filename="requests.csv"');
      response.send(await exportRequestsCsv(deps, projectId(request), query));
    }, MEMBERS),
    route('get', '/requests/:requestId', async (request, response) => {
      response.json(await getAdminRequest(deps, projectId(request), String(request.params.requestId)));
    }, MEMBERS),
    route('patch', '/requests/:requestId', async (request, response) => {
      const changes = parseInput(updateRequestBodySchema, request.body, 'body');
      response.json({ request: await updateRequest(deps, projectId(request), String(request.params.requestId), changes) });
    }, MEMBERS),
    route('delete', '/requests/:requestId', async (request, response) => {
      await deleteRequest(deps, projectId(request), String(request.params.requestId), actorOf(response));
      response.status(204).end();
    }, MEMBERS),
    route('post', '/requests/:requestId/merge', async (request, response) => {
      const { into } = parseInput(mergeRequestBodySchema, request.body, 'body');
      response.json({ request: await mergeRequests(deps, projectId(request), String(request.params.requestId), into, actorOf(response)) });
    }, MEMBERS),
    route('get', '/requests/:requestId/comments', async (request, response) => {
      response.json({ comments: await listAdminComments(deps, projectId(request), String(request.params.requestId)) });
    }, MEMBERS),
    route('post', '/requests/:requestId/comments', async (request, response) => {
      const input = parseInput(createTeamCommentBodySchema, request.body, 'body');
      const caller = response.locals.admin as AdminCaller;
      const comment = await createTeamComment(deps, projectId(request), String(request.params.requestId), { ...input, memberId: caller.kind === 'member' ? caller.id : null });
      response.status(201).json({ comment });
    }, MEMBERS),
    route('delete', '/requests/:requestId/comments/:commentId', async (request, response) => {
      await deleteComment(deps, projectId(request), String(request.params.requestId), String(request.params.commentId));
      response.status(204).end();
    }, MEMBERS),
    route('get', '/users', async (request, response) => {
      const page = parseInput(pageQuerySchema, request.query, 'query');
      response.json(await listUsers(deps, projectId(request), page));
    }, MEMBERS),
    route('get', '/users/:userId', async (request, response) => {
      response.json({ user: await getUser(deps, projectId(request), String(request.params.userId)) });
    }, MEMBERS),
    route('delete', '/users/:userId', async (request, response) => {
      await deleteUser(deps, projectId(request), String(request.params.userId), actorOf(response));
      response.status(204).end();
    }),
    route('get', '/accounts', async (request, response) => {
      const query = parseInput(accountListQuerySchema, request.query, 'query');
      response.json(await listAccounts(deps, projectId(request), query));
    }, MEMBERS),
    route('get', '/accounts/:accountId', async (request, response) => {
      response.json(await getAccount(deps, projectId(request), String(request.params.accountId)));
    }, MEMBERS),
    route('post', '/secrets', async (request, response) => {
      const { gracePeriodSeconds } = parseInput(rotateSecretBodySchema, request.body, 'body');
      response.set('Cache-Control', 'no-store');
      response.json(await rotateSecret(deps, projectId(request), gracePeriodSeconds, actorOf(response)));
    }, ADMINS_STEP_UP),
    route('delete', '/secrets/previous', async (request, response) => {
      response.json({ ended: await endSecretGrace(deps, projectId(request), actorOf(response)) });
    }),
    route('get', '/api-keys', async (request, response) => {
      response.json({ apiKeys: await listApiKeys(deps.db, projectId(request)) });
    }),
    route('post', '/api-keys', async (request, response) => {
      const { name } = parseInput(createApiKeyBodySchema, request.body, 'body');
      const { apiKey, key } = await addApiKey(deps.db, projectId(request), name, actorOf(response));
      response.set('Cache-Control', 'no-store');
      response.status(201).json({ apiKey, key });
    }, ADMINS_STEP_UP),
    route('delete', '/api-keys/:keyId', async (request, response) => {
      await revokeProjectApiKey(deps.db, projectId(request), String(request.params.keyId), actorOf(response));
      response.status(204).end();
    }),
    route('get', '/identify-failures', async (request, response) => {
      const { limit } = parseInput(failuresQuerySchema, request.query, 'query');
      response.json(await listIdentifyFailures(deps.db, projectId(request), limit));
    }),
    route('get', '/audit-log', async (request, response) => {
      const query = parseInput(auditLogQuerySchema, request.query, 'query');
      response.json(await listAuditLog(deps, projectId(request), query));
    }),
    route('get', '/notifications', async (request, response) => {
      response.json({ notifications: await getNotificationSettings(deps, projectId(request)) });
    }),
    route('patch', '/notifications', async (request, response) => {
      const changes = parseInput(updateNotificationsBodySchema, request.body, 'body');
      response.json({ notifications: await updateNotificationSettings(deps, projectId(request), changes) });
    }),
    route('post', '/notifications/test-email', async (request, response) => {
      const { to } = parseInput(testEmailBodySchema, request.body, 'body');
      response.json(await sendTestEmail(deps, projectId(request), to));
    }),
    ...webhookRoutes(deps, route),
  ];
}

/** The admin API router. */
export function createAdminRouter(deps: AppDeps) {
  return buildRouter(ADMIN_BASE, adminRoutes(deps), [express.json({ limit: '64kb' }), invalidateWidgetLists(deps.widgetListCache)]);
}
