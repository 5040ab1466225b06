import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Queryable } from '../storage/database.js';
import {
  deleteOwnerSession,
  deleteOwnerSessions,
  findOwnerBySession,
  insertOwnerSession,
  markSessionSteppedUp,
  spendSessionStepUp,
  verifyOwnerSession,
  type SessionOwner,
} from '../storage/team/owner-queries.js';
import { readCookie, serializeCookie } from './cookies.js';
import { CsrfTokenError } from './errors/csrf-token-error.js';

/** The signed-in account of a request, with the CSRF token its changes must carry. */
export interface OwnerSession {
  owner: SessionOwner;
  csrfToken: string;
  /** The SHA-256 of the cookie's token: how the store knows the session. */
  tokenHash: string;
}

/** How long a step-up (the password entered again) stays good for the one action it is for. */
export const STEP_UP_SECONDS = 5 * 60;

/** How long the half of a sign-in waiting for its two-factor code lasts. */
const PENDING_SECONDS = 5 * 60;

/** Dashboard sessions: cookies, their store, and the CSRF tokens bound to them. */
export interface OwnerSessions {
  /**
   * Signs the account in: a fresh session cookie; returns the CSRF token for it. With
   * `pending`, only half: the session works for nothing but the two-factor step until
   * {@link OwnerSessions.completePending} makes it whole.
   */
  start(response: Response, ownerId: string, options?: { pending?: boolean }): Promise<string>;
  /** Ends the request's session (in the store, and the cookie). */
  end(request: Request, response: Response): Promise<void>;
  /** The request's live session, or undefined. */
  authenticate(request: Request): Promise<OwnerSession | undefined>;
  /** The request's half sign-in waiting for a two-factor code, or undefined. */
  authenticatePending(request: Request): Promise<OwnerSession | undefined>;
  /** Makes a half sign-in whole (after the right code); false when it is gone. */
  completePending(session: OwnerSession): Promise<boolean>;
  /** Ends every other session of the account (a password change, a removal). */
  endOthers(ownerId: string, keep?: OwnerSession): Promise<void>;
  /** Records a step-up: the password (and code) were just entered again. */
  markSteppedUp(session: OwnerSession): Promise<void>;
  /** Spends the session's step-up if it is fresh; true once per step-up. */
  spendStepUp(session: OwnerSession): Promise<boolean>;
  /** The CSRF token for a browser with no session (login, set-up), setting its cookie when missing. */
  browserCsrfToken(request: Request, response: Response): string;
  /** Throws {@link CsrfTokenError} unless a change comes from our origin with the token of its session or browser. */
  checkCsrf(request: Request, session: OwnerSession | undefined): void;
}

/** The header that carries the CSRF token on every change. */
export const CSRF_HEADER = 'x-reqio-csrf';

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');
// Derived from the httpOnly cookie the browser holds: a page on another site can neither
// read the cookie nor compute the token, and nothing needs storing.
const csrfTokenFor = (cookieValue: string) => sha256(`reqio-csrf:${cookieValue}`);
const sameToken = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Creates the dashboard's session handling. The session cookie holds 32 random bytes; the
 * store keeps only their SHA-256, so a database dump signs nobody in. Under https the
 * cookies are `Secure` and `__Host-` prefixed (no subdomain can set or shadow them).
 */
export function createOwnerSessions(options: { db: Queryable; publicUrl: string; ttlSeconds?: number }): OwnerSessions {
  const { db, ttlSeconds = 12 * 3600 } = options;
  const ownOrigin = new URL(options.publicUrl).origin;
  const secure = ownOrigin.startsWith('https:');
  const prefix = secure ? '__Host-' : '';
  const sessionCookie = `${prefix}reqio_session`;
  const browserCookie = `${prefix}reqio_browser`;

  const find = async (request: Request, verified: boolean): Promise<OwnerSession | undefined> => {
    const token = readCookie(request, sessionCookie);
    if (token === undefined || token.length > 100) return undefined;
    const tokenHash = sha256(token);
    const owner = await findOwnerBySession(db, tokenHash, { verified });
    return owner && { owner, csrfToken: csrfTokenFor(token), tokenHash };
  };

  return {
    async start(response, ownerId, options = {}) {
      const token = randomBytes(32).toString('base64url');
      const pending = options.pending === true;
      const lifetime = pending ? PENDING_SECONDS : ttlSeconds;
      await insertOwnerSession(db, { tokenHash: sha256(token), ownerId, expiresAt: new Date(Date.now() + lifetime * 1000), verified: !pending });
      // The cookie lives as long as the whole session will: completing the sign-in keeps it.
      response.append('Set-Cookie', serializeCookie(sessionCookie, token, { maxAgeSeconds: ttlSeconds, secure }));
      return csrfTokenFor(token);
    },
    async end(request, response) {
      const token = readCookie(request, sessionCookie);
      if (token !== undefined) await deleteOwnerSession(db, sha256(token));
      response.append('Set-Cookie', serializeCookie(sessionCookie, '', { maxAgeSeconds: 0, secure }));
    },
    async authenticate(request) {
      return find(request, true);
    },
    async authenticatePending(request) {
      return find(request, false);
    },
    completePending(session) {
      return verifyOwnerSession(db, session.tokenHash, new Date(Date.now() + ttlSeconds * 1000));
    },
    async endOthers(ownerId, keep) {
      await deleteOwnerSessions(db, ownerId, keep?.tokenHash);
    },
    markSteppedUp(session) {
      return markSessionSteppedUp(db, session.tokenHash, new Date());
    },
    spendStepUp(session) {
      return spendSessionStepUp(db, session.tokenHash, new Date(Date.now() - STEP_UP_SECONDS * 1000));
    },
    browserCsrfToken(request, response) {
      let value = readCookie(request, browserCookie);
      if (value === undefined || value.length > 100) {
        value = randomBytes(32).toString('base64url');
        response.append('Set-Cookie', serializeCookie(browserCookie, value, { maxAgeSeconds: 365 * 24 * 3600, secure }));
      }
      return csrfTokenFor(value);
    },
    checkCsrf(request, session) {
      // Fetch metadata and Origin first: browsers send them on every cross-site change.
      const origin = request.headers.origin;
      if (request.headers['sec-fetch-site'] === 'cross-site' || (origin !== undefined && origin !== ownOrigin)) {
        throw new CsrfTokenError('Changes are accepted only from the dashboard itself.');
      }
      const sent = request.headers[CSRF_HEADER];
      const browser = readCookie(request, browserCookie);
      const expected = session?.csrfToken ?? (browser === undefined ? undefined : csrfTokenFor(browser));
      if (typeof sent !== 'string' || expected === undefined || !sameToken(sent, expected)) throw new CsrfTokenError();
    },
  };
}
