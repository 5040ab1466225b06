import express, { type Request, type Response } from 'express';
import { createProjectBodySchema } from '@reqio/shared';
import { NotFoundError } from '../../errors/not-found-error.js';
import type { AppDeps } from '../app-deps.js';
import { parseInput } from '../parse-input.js';
import { refuseUnstorableParams } from '../route-spec.js';
import { createProject } from '../../services/projects/create-project.js';
import { getSecretStatus } from '../../services/projects/get-secret-status.js';
import { listAdminProjects } from '../../services/projects/list-admin-projects.js';
import { loadProject } from '../../services/projects/load-project.js';
import { revealSecret } from '../../services/projects/reveal-secret.js';
import { toAdminProject } from '../../services/projects/to-admin-project.js';
import { authenticateOwner } from '../../team/authenticate-owner.js';
import { createFirstOwner } from '../../team/create-first-owner.js';
import {
  MIN_PASSWORD_LENGTH,
  debugTokenBodySchema,
  loginBodySchema,
  revealSecretBodySchema,
  setupBodySchema,
  setupCheckBodySchema,
  stackParamsSchema,
} from './dashboard-schemas.js';
import { diagnoseIdentityToken } from '../../setup/diagnose-identity-token.js';
import { isSetupTokenUsable, needsFirstOwner } from '../../team/needs-first-owner.js';
import type { OwnerSessions } from '../../team/owner-sessions.js';
import type { PasswordAttemptLimiter } from '../../team/password-attempt-limiter.js';
import { ownerSessionOf, requireOwner } from '../../team/require-owner.js';
import { generateSnippet } from '../../setup/snippets/generate-snippet.js';

/** What the dashboard's JSON routes need beside the app's dependencies. */
export interface DashboardApiDeps {
  sessions: OwnerSessions;
  limiter: PasswordAttemptLimiter;
}

const projectIdOf = (request: Request) => String(request.params.projectId);
const ipOf = (request: Request) => request.ip ?? 'unknown';

/**
 * The dashboard's own JSON routes under `/dashboard/api` (what the admin API does not
 * cover: owners and sessions, the project list, secrets, snippets, the token debugger).
 * Nothing here is cached; every change carries the CSRF token.
 */
export function createDashboardApiRouter(deps: AppDeps, { sessions, limiter }: DashboardApiDeps) {
  const router = express.Router();
  router.param('projectId', (request, _response, next) => {
    refuseUnstorableParams(request.params);
    next();
  });
  const owner = requireOwner(sessions);
  const publicUrl = deps.config.publicUrl;
  router.use(express.json({ limit: '64kb' }), (_request, response, next) => {
    response.set('Cache-Control', 'no-store');
    next();
  });

  router.get('/session', async (request, response) => {
    const session = await sessions.authenticate(request);
    if (session !== undefined) {
      response.json({ state: 'signed_in', owner: session.owner, csrfToken: session.csrfToken, minPasswordLength: MIN_PASSWORD_LENGTH });
      return;
    }
    const state = (await needsFirstOwner(deps.db)) ? 'setup_required' : 'signed_out';
    response.json({ state, owner: null, csrfToken: sessions.browserCsrfToken(request, response), minPasswordLength: MIN_PASSWORD_LENGTH });
  });

  router.post('/setup/check', async (request, response) => {
    sessions.checkCsrf(request, undefined);
    const { token } = parseInput(setupCheckBodySchema, request.body, 'body');
    response.json({ usable: await isSetupTokenUsable(deps.db, token) });
  });

  router.post('/setup', async (request, response) => {
    sessions.checkCsrf(request, undefined);
    const input = parseInput(setupBodySchema, request.body, 'body');
    await limiter.spend(ipOf(request), `setup:${ipOf(request)}`);
    const created = await createFirstOwner(deps.db, input);
    request.log?.info({ owner: created.id }, 'dashboard: first owner created');
    const csrfToken = await sessions.start(response, created.id);
    response.status(201).json({ owner: { id: created.id, email: created.email }, csrfToken });
  });

  router.post('/login', async (request, response) => {
    sessions.checkCsrf(request, undefined);
    const { email, password } = parseInput(loginBodySchema, request.body, 'body');
    await limiter.spend(ipOf(request), email);
    const found = await authenticateOwner(deps.db, { email }, password);
    await limiter.forgive(email);
    const csrfToken = await sessions.start(response, found.id);
    response.json({ owner: { id: found.id, email: found.email }, csrfToken });
  });

  router.post('/logout', async (request, response) => {
    sessions.checkCsrf(request, await sessions.authenticate(request));
    await sessions.end(request, response);
    response.json({ csrfToken: sessions.browserCsrfToken(request, response) });
  });

  router.get('/projects', owner, async (_request, response) => {
    response.json({ projects: await listAdminProjects(deps, publicUrl) });
  });

  router.post('/projects', owner, async (request, response) => {
    const created = await createProject({ ...deps, publicUrl }, parseInput(createProjectBodySchema, request.body, 'body'));
    await deps.keyRing.refresh(created.project.id);
    response.status(201).json({ project: toAdminProject(created.project, publicUrl), secret: created.secret, apiKey: created.apiKey });
  });

  router.get('/projects/:projectId/secret', owner, async (request, response) => {
    response.json(await getSecretStatus(deps, projectIdOf(request)));
  });

  router.post('/projects/:projectId/secret/reveal', owner, async (request: Request, response: Response) => {
    const { password } = parseInput(revealSecretBodySchema, request.body, 'body');
    const { owner: signedIn } = ownerSessionOf(response);
    await limiter.spend(ipOf(request), signedIn.email);
    await authenticateOwner(deps.db, { ownerId: signedIn.id }, password);
    await limiter.forgive(signedIn.email);
    const secret = await revealSecret(deps, projectIdOf(request));
    request.log?.info({ owner: signedIn.id, project: projectIdOf(request) }, 'dashboard: identity secret revealed');
    response.json({ secret });
  });

  router.get('/projects/:projectId/snippets/:stack', owner, async (request, response) => {
    const { stack } = parseInput(stackParamsSchema, request.params, 'params');
    const { project } = await loadProject(deps.keyRing, projectIdOf(request));
    const { audience } = toAdminProject(project, publicUrl);
    response.json(generateSnippet(stack, { projectId: project.id, audience, widgetUrl: `${publicUrl}/widget.js`, packageUrl: `${publicUrl}/packages/reqio-mint.tgz` }));
  });

  router.post('/projects/:projectId/debug-token', owner, async (request, response) => {
    const { token } = parseInput(debugTokenBodySchema, request.body, 'body');
    // Fresh from the store: a rotation on another instance must not confuse the diagnosis.
    await deps.keyRing.refresh(projectIdOf(request));
    const entry = await loadProject(deps.keyRing, projectIdOf(request));
    const options = { secrets: deps.keyRing.activeSecrets(entry), audience: entry.audiences, clockTolerance: entry.project.leewaySeconds };
    response.json(await diagnoseIdentityToken(token, options));
  });

  router.use((request: Request) => {
    throw new NotFoundError(`There is no ${request.method} /dashboard/api${request.path.slice(0, 200)}.`);
  });
  return router;
}
