import type { AdminAuthenticator } from '../http/app-deps.js';
import type { OwnerSessions } from './owner-sessions.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Lets the dashboard's session call the admin API (`/v1/admin/projects/:projectId/...`) as
 * an owner, who may reach every project of the installation. A change must carry the
 * session's CSRF token, or it is refused with 403 before any work.
 */
export function ownerAuthenticator(sessions: OwnerSessions): AdminAuthenticator {
  return async function authenticateOwnerSession(request) {
    const session = await sessions.authenticate(request);
    if (session === undefined) return undefined;
    if (!SAFE_METHODS.has(request.method)) sessions.checkCsrf(request, session);
    return { kind: 'owner', id: session.owner.id, canAccess: () => true };
  };
}
