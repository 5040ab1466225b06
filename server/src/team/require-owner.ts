import type { NextFunction, Request, Response } from 'express';
import { UnauthorizedError } from '../errors/unauthorized-error.js';
import { callerOfSession } from './owner-authenticator.js';
import type { OwnerSession, OwnerSessions } from './owner-sessions.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in account put on `res.locals.ownerSession` by {@link requireOwner}. */
export const ownerSessionOf = (response: Response): OwnerSession => response.locals.ownerSession as OwnerSession;

/**
 * Requires a signed-in account (401 otherwise) and, on a change, the session's CSRF token
 * (403 otherwise); puts the session on `res.locals.ownerSession` and its caller on
 * `res.locals.admin` for the permission check.
 */
export function requireOwner(sessions: OwnerSessions) {
  return async function checkOwner(request: Request, response: Response, next: NextFunction): Promise<void> {
    const session = await sessions.authenticate(request);
    if (session === undefined) throw new UnauthorizedError('Sign in to the dashboard first.');
    if (!SAFE_METHODS.has(request.method)) sessions.checkCsrf(request, session);
    response.locals.ownerSession = session;
    response.locals.admin = callerOfSession(sessions, session);
    next();
  };
}
