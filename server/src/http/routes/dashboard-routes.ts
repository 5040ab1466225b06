import express, { type Request, type Response } from 'express';
import { createProjectBodySchema, type SessionAnswer } from '@reqio/shared';
import { NotFoundError } from '../../errors/not-found-error.js';
import type { AppDeps } from '../app-deps.js';
import { parseInput } from '../parse-input.js';
import { ADMINS_STEP_UP, MEMBERS, buildRouter, createRouteBuilder, type RouteSpec } from '../route-spec.js';
import { createProject } from '../../services/projects/create-project.js';
import { getSecretStatus } from '../../services/projects/get-secret-status.js';
import { listAdminProjects } from '../../services/projects/list-admin-projects.js';
import { loadProject } from '../../services/projects/load-project.js';
import { revealSecret } from '../../services/projects/reveal-secret.js';
import { toAdminProject } from '../../services/projects/to-admin-project.js';
import { createFirstOwner } from '../../team/create-first-owner.js';
import { MIN_PASSWORD_LENGTH, debugTokenBodySchema, setupBodySchema, setupCheckBodySchema, stackParamsSchema } from './dashboard-schemas.js';
import { diagnoseIdentityToken } from '../../setup/diagnose-identity-token.js';
import { isSetupTokenUsable } from '../../team/needs-first-owner.js';
import { requireOwner } from '../../team/require-owner.js';
import { generateSnippet } from '../../setup/snippets/generate-snippet.js';
import { teamRoutes } from './team-routes.js';
import { DASHBOARD_API_BASE, ipOf, openRoute, signedOutAnswer, type DashboardApiDeps } from './dashboard-api-deps.js';

export type { DashboardApiDeps } from './dashboard-api-deps.js';

const projectIdOf = (request: Request) => String(request.params.projectId);

/**
 * The dashboard's own JSON routes under `/dashboard/api` (what the admin API does not
 * cover: the team and sessions, the project list, secrets, snippets, the token debugger),
 * as a table like the admin API's: each route declares who may call it, and the permission
 * suite walks it. Nothing here is cached; every change carries the CSRF token.
 */
export function dashboardRoutes(deps: AppDeps, api: DashboardApiDeps): RouteSpec[] {
  const { sessions, limiter } = api;
  const route = createRouteBuilder('dashboard', requireOwner(sessions));
  const publicUrl = deps.config.publicUrl;
  return [
    openRoute('get', '/session', async (request, response) => {
      const session = await sessions.authenticate(request);
      const answer: SessionAnswer =
        session === undefined
          ? await signedOutAnswer(deps, sessions, request, response)
          : {
              state: 'signed_in',
              owner: { id: session.owner.id, email: session.owner.email, name: session.owner.name, role: session.owner.role, twoFactorEnabled: session.owner.twoFactorEnabled },
              csrfToken: session.csrfToken,
              minPasswordLength: MIN_PASSWORD_LENGTH,
              twoFactorSetupRequired: session.owner.twoFactorSetupRequired,
            };
      response.json(answer);
    }),
    openRoute('post', '/setup/check', async (request, response) => {
      sessions.checkCsrf(request, undefined);
      const { token } = parseInput(setupCheckBodySchema, request.body, 'body');
      response.json({ usable: await isSetupTokenUsable(deps.db, token) });
    }),
    openRoute('post', '/setup', async (request, response) => {
      sessions.checkCsrf(request, undefined);
      const input = parseInput(setupBodySchema, request.body, 'body');
      await limiter.spend(ipOf(request), 'setup');
      const created = await createFirstOwner(deps.db, input);
      request.log?.info({ owner: created.id }, 'dashboard: first owner created');
      const csrfToken = await sessions.start(response, created.id);
      response.status(201).json({ owner: { id: created.id, email: created.email }, csrfToken });
    }),
    ...teamRoutes(deps, api, route),
    route('get', '/projects', async (_request, response) => {
      response.json({ projects: await listAdminProjects(deps, publicUrl) });
    }, MEMBERS),
    route('post', '/projects', async (request, response) => {
      const created = await createProject({ ...deps, publicUrl }, parseInput(createProjectBodySchema, request.body, 'body'));
      await deps.keyRing.refresh(created.project.id);
      response.status(201).json({ project: toAdminProject(created.project, publicUrl), secret: created.secret, apiKey: created.apiKey });
    }),
    route('get', '/projects/:projectId/secret', async (request, response) => {
      response.json(await getSecretStatus(deps, projectIdOf(request)));
    }),
    route('post', '/projects/:projectId/secret/reveal', async (request, response) => {
      const secret = await revealSecret(deps, projectIdOf(request));
      request.log?.info({ project: projectIdOf(request) }, 'dashboard: identity secret revealed');
      response.json({ secret });
    }, ADMINS_STEP_UP),
    route('get', '/projects/:projectId/snippets/:stack', async (request, response) => {
      const { stack } = parseInput(stackParamsSchema, request.params, 'params');
      const { project } = await loadProject(deps.keyRing, projectIdOf(request));
      const { audience } = toAdminProject(project, publicUrl);
      response.json(generateSnippet(stack, { projectId: project.id, audience, widgetUrl: `${publicUrl}/widget.js`, packageUrl: `${publicUrl}/packages/reqio-mint.tgz` }));
    }),
    route('post', '/projects/:projectId/debug-token', async (request, response) => {
      const { token } = parseInput(debugTokenBodySchema, request.body, 'body');
      // Fresh from the store: a rotation on another instance must not confuse the diagnosis.
      await deps.keyRing.refresh(projectIdOf(request));
      const entry = await loadProject(deps.keyRing, projectIdOf(request));
      const options = { secrets: deps.keyRing.activeSecrets(entry), audience: entry.audiences, clockTolerance: entry.project.leewaySeconds };
      response.json(await diagnoseIdentityToken(token, options));
    }),
  ];
}

/** The dashboard API router: the route table, then a JSON 404 for anything else under it. */
export function createDashboardApiRouter(deps: AppDeps, api: DashboardApiDeps) {
  const noStore: express.RequestHandler = (_request, response, next) => {
    response.set('Cache-Control', 'no-store');
    next();
  };
  const router = buildRouter(DASHBOARD_API_BASE, dashboardRoutes(deps, api), [express.json({ limit: '64kb' }), noStore]);
  router.use((request: Request) => {
    throw new NotFoundError(`There is no ${request.method} ${DASHBOARD_API_BASE}${request.path.slice(0, 200)}.`);
  });
  return router;
}
