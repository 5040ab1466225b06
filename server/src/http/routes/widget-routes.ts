import express, { type RequestHandler } from 'express';
import {
  anonymousSessionBodySchema,
  createCommentBodySchema,
  createRequestBodySchema,
  identifyBodySchema,
  similarQuerySchema,
  updateOwnRequestBodySchema,
  widgetListQuerySchema,
} from '@reqio/shared';
import { IdentityTokenError } from '../../identity/identity-token-error.js';
import type { Principal } from '../../identity/widget-sessions.js';
import { castVote } from '../../services/votes/cast-vote.js';
import { createRequest } from '../../services/requests/create-request.js';
import { identifyUser } from '../../services/users/identify-user.js';
import { listWidgetRequestsJson } from '../../services/requests/list-widget-requests.js';
import { removeVote } from '../../services/votes/remove-vote.js';
import { startAnonymousSession } from '../../services/users/start-anonymous-session.js';
import { createComment } from '../../services/comments/create-comment.js';
import { deleteOwnComment } from '../../services/comments/delete-own-comment.js';
import { deleteOwnRequest } from '../../services/requests/delete-own-request.js';
import { getWidgetRequest } from '../../services/requests/get-widget-request.js';
import { listSimilarRequests } from '../../services/requests/list-similar-requests.js';
import { updateOwnRequest } from '../../services/requests/update-own-request.js';
import { listUpdates } from '../../services/updates/list-updates.js';
import { markUpdatesSeen } from '../../services/updates/mark-updates-seen.js';
import type { AppDeps } from '../app-deps.js';
import { invalidateWidgetLists, widgetCallWritesNoList } from '../middleware/invalidate-widget-lists.js';
import { rateLimit } from '../middleware/rate-limit.js';
import { requireSession } from '../middleware/require-session.js';
import { widgetCors } from '../middleware/widget-cors.js';
import { parseInput } from '../parse-input.js';
import { buildRouter, type RouteSpec } from '../route-spec.js';

/** Where the widget routes are mounted. */
export const WIDGET_BASE = '/v1/projects/:projectId';

const principalOf = (locals: Record<string, unknown>) => locals.principal as Principal;

/** The widget-facing routes under `/v1/projects/:projectId` (CONTRACT §4). */
export function widgetRoutes(deps: AppDeps): RouteSpec[] {
  const session = requireSession(deps);
  const identifyLimit = rateLimit(deps.rateLimits.identify);
  const writeLimit = rateLimit(deps.rateLimits.writes);
  const sessionRoute = (method: RouteSpec['method'], path: string, ...handlers: RequestHandler[]): RouteSpec => ({ method, path, auth: 'session', handlers: [session, ...handlers] });
  const voteRoute = (method: 'put' | 'delete', change: typeof castVote | typeof removeVote): RouteSpec => ({
    method,
    path: '/requests/:requestId/vote',
    auth: 'session',
    handlers: [
      session,
      writeLimit,
      async (request, response) => {
        response.json(await change(deps, principalOf(response.locals), String(request.params.requestId)));
      },
    ],
  });
  return [
    {
      method: 'post',
      path: '/identify',
      auth: 'identity-token',
      handlers: [
        identifyLimit,
        async (request, response) => {
          const body = parseInput(identifyBodySchema, request.body, 'body');
          try {
            const result = await identifyUser(deps, {
              projectId: String(request.params.projectId),
              token: body.token,
              anonymousId: body.anonymousId,
              origin: request.headers.origin ?? null,
            });
            deps.metrics.identifyResults.inc({ result: 'ok' });
            for (const warning of result.warnings) request.log.warn({ warning: warning.code, fields: warning.fields }, 'identify: traits dropped');
            response.json(result);
          } catch (error) {
            if (error instanceof IdentityTokenError) {
              deps.metrics.identifyResults.inc({ result: error.code });
              request.log.info({ code: error.code, claim: error.claim }, 'identify refused');
            }
            throw error;
          }
        },
      ],
    },
    {
      method: 'post',
      path: '/sessions',
      auth: 'none',
      handlers: [
        identifyLimit,
        async (request, response) => {
          const { anonymousId } = parseInput(anonymousSessionBodySchema, request.body, 'body');
          response.json(await startAnonymousSession(deps, { projectId: String(request.params.projectId), anonymousId }));
        },
      ],
    },
    {
      method: 'get',
      path: '/requests',
      auth: 'session',
      handlers: [
        session,
        async (request, response) => {
          const query = parseInput(widgetListQuerySchema, request.query, 'query');
          // Already JSON (the cached page's text around each `voted`): sent as response.json would send it.
          response.type('application/json').send(await listWidgetRequestsJson(deps, principalOf(response.locals), query));
        },
      ],
    },
    // The calls of every page load and the vote button come first: Express tries a router's
    // routes in order, and each one passed over costs a path match on every call (issue 14).
    voteRoute('put', castVote),
    voteRoute('delete', removeVote),
    // Before `/requests/:requestId`, which would take "similar" for an id.
    sessionRoute('get', '/requests/similar', async (request, response) => {
      const { title } = parseInput(similarQuerySchema, request.query, 'query');
      response.json(await listSimilarRequests(deps, principalOf(response.locals), title));
    }),
    sessionRoute('get', '/requests/:requestId', async (request, response) => {
      response.json(await getWidgetRequest(deps, principalOf(response.locals), String(request.params.requestId)));
    }),
    sessionRoute('patch', '/requests/:requestId', writeLimit, async (request, response) => {
      const changes = parseInput(updateOwnRequestBodySchema, request.body, 'body');
      response.json({ request: await updateOwnRequest(deps, principalOf(response.locals), String(request.params.requestId), changes) });
    }),
    sessionRoute('delete', '/requests/:requestId', writeLimit, async (request, response) => {
      await deleteOwnRequest(deps, principalOf(response.locals), String(request.params.requestId));
      response.status(204).end();
    }),
    sessionRoute('post', '/requests/:requestId/comments', writeLimit, async (request, response) => {
      const { body } = parseInput(createCommentBodySchema, request.body, 'body');
      response.status(201).json({ comment: await createComment(deps, principalOf(response.locals), String(request.params.requestId), body) });
    }),
    sessionRoute('delete', '/requests/:requestId/comments/:commentId', writeLimit, async (request, response) => {
      await deleteOwnComment(deps, principalOf(response.locals), String(request.params.requestId), String(request.params.commentId));
      response.status(204).end();
    }),
    sessionRoute('get', '/updates', async (_request, response) => {
      response.json(await listUpdates(deps, principalOf(response.locals)));
    }),
    sessionRoute('post', '/updates/seen', writeLimit, async (_request, response) => {
      await markUpdatesSeen(deps, principalOf(response.locals));
      response.status(204).end();
    }),
    {
      method: 'post',
      path: '/requests',
      auth: 'session',
      handlers: [
        session,
        writeLimit,
        async (request, response) => {
          const body = parseInput(createRequestBodySchema, request.body, 'body');
          const created = await createRequest(deps, principalOf(response.locals), { title: body.title, body: body.body ?? '' });
          response.status(201).json({ request: created });
        },
      ],
    },
  ];
}

/** The widget API router: CORS for the project's origins, a small JSON body limit, the routes. */
export function createWidgetRouter(deps: AppDeps) {
  return buildRouter(WIDGET_BASE, widgetRoutes(deps), [...widgetCors({ keyRing: deps.keyRing, publicUrl: deps.config.publicUrl }), express.json({ limit: '16kb' }), invalidateWidgetLists(deps.widgetListCache, widgetCallWritesNoList)]);
}
