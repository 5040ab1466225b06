import type { NextFunction, Request, Response } from 'express';
import { SessionExpiredError } from '../../errors/session-expired-error.js';
import { UnauthorizedError } from '../../errors/unauthorized-error.js';
import type { ProjectKeyRing } from '../../identity/project-key-ring.js';
import type { Principal, WidgetSessions } from '../../identity/widget-sessions.js';
import type { ActiveUserCache } from '../../services/users/active-user-cache.js';
import { loadProject } from '../../services/projects/load-project.js';

/** Reads the bearer token of a request, or undefined. */
export function bearerToken(request: Request): string | undefined {
  const header = request.headers.authorization;
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

/**
 * Requires a widget session for the project in the path and puts its principal on
 * `res.locals.principal`. A session of another project is 401; one revoked by a rotation
 * with no grace, or whose user was deleted, is 401 `session_expired`.
 */
export function requireSession(options: { sessions: WidgetSessions; keyRing: ProjectKeyRing; activeUsers: ActiveUserCache }) {
  return async function checkSession(request: Request, response: Response, next: NextFunction): Promise<void> {
    const token = bearerToken(request);
    if (token === undefined) throw new UnauthorizedError('Send the widget session as "Authorization: Bearer <session>".');
    const { principal, epoch } = await options.sessions.verify(token);
    const projectId = String(request.params.projectId);
    if (principal.projectId !== projectId) throw new UnauthorizedError('This session belongs to another project.');
    const entry = await loadProject(options.keyRing, projectId);
    if (epoch < entry.project.sessionEpoch) throw new SessionExpiredError('The session was revoked; identify again.');
    if (principal.kind === 'user' && !(await options.activeUsers.isActive(principal.userId))) {
      throw new SessionExpiredError('The user of this session was deleted.');
    }
    response.locals.principal = principal satisfies Principal;
    next();
  };
}
