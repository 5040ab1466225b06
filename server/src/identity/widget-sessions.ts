import { createHmac } from 'node:crypto';
import { errors as joseErrors, jwtVerify } from 'jose';
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
const SESSION_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');
const MAX_VERIFIED = 10_000;

/**
 * Widget sessions are HS256 tokens under a key derived from the master key: any instance
 * verifies them without a database read. Revocation is by epoch (project rotation with no
 * grace) and by the user's row existing (checked, cached, where the session is used).
 */
export function createWidgetSessions(options: { masterKey: Buffer; ttlSeconds: number; anonymousTtlSeconds: number }): WidgetSessions {
  // Imported once: jose imports a raw Uint8Array key again on every sign and verify, which
  // costs more than the HMAC itself on a call that every widget request makes.
  const rawKey = deriveKey(options.masterKey, 'widget-sessions');
  const keyPromise = crypto.subtle.importKey('raw', new Uint8Array(rawKey), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  // Sessions whose signature already checked out, until they expire: a widget uses one
  // session for many calls, and the HMAC through WebCrypto was a tenth of a list call's CPU.
  // Revocation does not depend on it (epoch and user are checked where the session is used).
  const verified = new Map<string, { claims: SessionClaims; expiresAt: number }>();
  return {
    async issue(principal, epoch) {
      const ttl = principal.kind === 'user' ? options.ttlSeconds : options.anonymousTtlSeconds;
      const issuedAt = Math.floor(Date.now() / 1000);
      const subject = principal.kind === 'user' ? `u:${principal.userId}` : `a:${principal.anonymousId}`;
      // Signed with node:crypto, synchronously (WebCrypto's HMAC job cost an identify more than the HMAC: issue 14).
      const claims = { pid: principal.projectId, ep: epoch, sub: subject, aud: AUDIENCE, iat: issuedAt, exp: issuedAt + ttl };
      const signingInput = `${SESSION_HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
      const session = `${signingInput}.${createHmac('sha256', rawKey).update(signingInput).digest('base64url')}`;
      return { session, expiresAt: new Date((issuedAt + ttl) * 1000).toISOString() };
    },
    async verify(session) {
      const cached = verified.get(session);
      if (cached !== undefined) {
        if (cached.expiresAt > Date.now() / 1000) return cached.claims;
        verified.delete(session);
        throw new SessionExpiredError();
      }
      try {
        const { payload } = await jwtVerify(session, await keyPromise, { algorithms: ['HS256'], audience: AUDIENCE });
        const { sub, pid, ep, exp } = payload as { sub?: unknown; pid?: unknown; ep?: unknown; exp?: unknown };
        if (typeof sub !== 'string' || typeof pid !== 'string' || typeof ep !== 'number' || typeof exp !== 'number') throw new UnauthorizedError('The session is not valid.');
        const id = sub.slice(2);
        const principal: Principal = sub.startsWith('u:') ? { kind: 'user', projectId: pid, userId: id } : { kind: 'anonymous', projectId: pid, anonymousId: id };
        const claims = { principal, epoch: ep };
        if (verified.size >= MAX_VERIFIED) verified.delete(verified.keys().next().value as string);
        verified.set(session, { claims, expiresAt: exp });
        return claims;
      } catch (error) {
        if (error instanceof UnauthorizedError) throw error;
        if (error instanceof joseErrors.JWTExpired) throw new SessionExpiredError();
        throw new UnauthorizedError('The session is not valid.');
      }
    },
  };
}
