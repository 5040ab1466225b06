import type { NextFunction, Request, Response } from 'express';
import { ForbiddenError } from '../../errors/forbidden-error.js';
import { UnauthorizedError } from '../../errors/unauthorized-error.js';
import type { Queryable } from '../../storage/database.js';
import { authenticateApiKey } from '../../services/projects/authenticate-api-key.js';
import type { AdminAuthenticator, AdminCaller } from '../app-deps.js';
import { bearerToken } from './require-session.js';

/** API keys authenticate as a caller scoped to their one project. */
export function apiKeyAuthenticator(db: Queryable): AdminAuthenticator {
  return async (request) => {
    const token = bearerToken(request);
    if (token === undefined || !token.startsWith('rq_ak_')) return undefined;
    const key = await authenticateApiKey(db, token);
    if (key === undefined) throw new UnauthorizedError('The API key is not valid (revoked, or never existed).');
    return { kind: 'api_key', id: key.id, name: key.name, role: 'admin', canAccess: (projectId) => projectId === key.projectId };
  };
}

/**
 * Requires an admin caller allowed on the project in the path, and puts it on
 * `res.locals.admin`: 401 without credentials, 403 with another project's.
 */
export function requireAdmin(authenticators: AdminAuthenticator[]) {
  return async function checkAdmin(request: Request, response: Response, next: NextFunction): Promise<void> {
    let caller: AdminCaller | undefined;
    for (const authenticate of authenticators) {
      caller = await authenticate(request);
      if (caller !== undefined) break;
    }
    if (caller === undefined) throw new UnauthorizedError('Send a project API key as "Authorization: Bearer rq_ak_…".');
    const projectId = request.params.projectId;
    if (projectId !== undefined && !caller.canAccess(String(projectId))) {
      throw new ForbiddenError('These credentials are not for this project.');
    }
    response.locals.admin = caller;
    next();
  };
}
