import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { SessionExpiredError } from '../errors/session-expired-error.js';
import { UnauthorizedError } from '../errors/unauthorized-error.js';
import { deriveKey } from './derive-key.js';

/** Who a widget session speaks for. */
export type Principal =
  | { kind: 'user'; projectId: string; userId: string }
  | { kind: 'anonymous'; projectId: string; anonymousId: string };

/** A session as checked from its signature alone. */
export interface SessionClaims {
  principal: Principal;
  /** The project's session epoch when it was issued; a later rotation with no grace ends it. */
  epoch: number;
}

/** Issues and checks widget sessions. */
export interface WidgetSessions {
  issue(principal: Principal, epoch: number): Promise<{ session: string; expiresAt: string }>;
  /** Checks signature and expiry; throws 401 `session_expired` or `unauthorized`. */
  verify(session: string): Promise<SessionClaims>;
}

const AUDIENCE = 'reqio:widget-session';

/**
 * Widget sessions are HS256 tokens under a key derived from the master key: any instance
 * verifies them without a database read. Revocation is by epoch (project rotation with no
 * grace) and by the user's row existing (checked, cached, where the session is used).
 */
export function createWidgetSessions(options: { masterKey: Buffer; ttlSeconds: number; anonymousTtlSeconds: number }): WidgetSessions {
  const key = new Uint8Array(deriveKey(options.masterKey, 'widget-sessions'));
  return {
    async issue(principal, epoch) {
      const ttl = principal.kind === 'user' ? options.ttlSeconds : options.anonymousTtlSeconds;
      const issuedAt = Math.floor(Date.now() / 1000);
      const subject = principal.kind === 'user' ? `u:${principal.userId}` : `a:${principal.anonymousId}`;
      const session = await new SignJWT({ pid: principal.projectId, ep: epoch })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(subject)
        .setAudience(AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ttl)
        .sign(key);
      return { session, expiresAt: new Date((issuedAt + ttl) * 1000).toISOString() };
    },
    async verify(session) {
      try {
        const { payload } = await jwtVerify(session, key, { algorithms: ['HS256'], audience: AUDIENCE });
        const { sub, pid, ep } = payload as { sub?: unknown; pid?: unknown; ep?: unknown };
        if (typeof sub !== 'string' || typeof pid !== 'string' || typeof ep !== 'number') throw new UnauthorizedError('The session is not valid.');
        const id = sub.slice(2);
        const principal: Principal = sub.startsWith('u:') ? { kind: 'user', projectId: pid, userId: id } : { kind: 'anonymous', projectId: pid, anonymousId: id };
        return { principal, epoch: ep };
      } catch (error) {
        if (error instanceof UnauthorizedError) throw error;
        if (error instanceof joseErrors.JWTExpired) throw new SessionExpiredError();
        throw new UnauthorizedError('The session is not valid.');
      }
    },
  };
}
