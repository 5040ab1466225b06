import type { NextFunction, Request, Response } from 'express';
import { UnauthorizedError } from '../errors/unauthorized-error.js';
import type { OwnerSession, OwnerSessions } from './owner-sessions.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in owner put on `res.locals.ownerSession` by {@link requireOwner}. */
export const ownerSessionOf = (response: Response): OwnerSession => response.locals.ownerSession as OwnerSession;

/** Requires a signed-in owner (401 otherwise) and, on a change, the session's CSRF token (403 otherwise). */
export function requireOwner(sessions: OwnerSessions) {
  return async function checkOwner(request: Request, response: Response, next: NextFunction): Promise<void> {
    const session = await sessions.authenticate(request);
    if (session === undefined) throw new UnauthorizedError('Sign in to the dashboard first.');
    if (!SAFE_METHODS.has(request.method)) sessions.checkCsrf(request, session);
    response.locals.ownerSession = session;
    next();
  };
}
