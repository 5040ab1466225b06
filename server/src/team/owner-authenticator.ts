import type { AdminAuthenticator, AdminCaller } from '../http/app-deps.js';
import type { OwnerSession, OwnerSessions } from './owner-sessions.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The admin caller a dashboard session is: its member's role, every project, and its step-up. */
export function callerOfSession(sessions: OwnerSessions, session: OwnerSession): AdminCaller {
  return {
    kind: 'member',
    id: session.owner.id,
    name: session.owner.email,
    role: session.owner.role,
    canAccess: () => true,
    twoFactorSetupRequired: session.owner.twoFactorSetupRequired,
    spendStepUp: () => sessions.spendStepUp(session),
  };
}

/**
 * Lets the dashboard's session call the admin API (`/v1/admin/projects/:projectId/...`) as
 * its member, who may reach every project of the installation with their role. A change
 * must carry the session's CSRF token, or it is refused with 403 before any work.
 */
export function ownerAuthenticator(sessions: OwnerSessions): AdminAuthenticator {
  return async function authenticateOwnerSession(request) {
    const session = await sessions.authenticate(request);
    if (session === undefined) return undefined;
    if (!SAFE_METHODS.has(request.method)) sessions.checkCsrf(request, session);
    return callerOfSession(sessions, session);
  };
}
