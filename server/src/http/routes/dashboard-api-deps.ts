import type { Request, Response } from 'express';
import type { SessionAnswer } from '@reqio/shared';
import type { AppDeps } from '../app-deps.js';
import type { RouteSpec } from '../route-spec.js';
import { needsFirstOwner } from '../../team/needs-first-owner.js';
import type { OwnerSessions } from '../../team/owner-sessions.js';
import type { PasswordAttemptLimiter } from '../../team/password-attempt-limiter.js';
import type { TeamMailer } from '../../team/team-mailer.js';
import { MIN_PASSWORD_LENGTH } from './dashboard-schemas.js';

/** Where the dashboard's JSON routes are mounted. */
export const DASHBOARD_API_BASE = '/dashboard/api';

/** What the dashboard's JSON routes need beside the app's dependencies. */
export interface DashboardApiDeps {
  sessions: OwnerSessions;
  limiter: PasswordAttemptLimiter;
  /** Sends invites by email when SMTP is set up; the link is shown to copy in any case. */
  mailer?: TeamMailer | undefined;
}

/** The client's address, for the password limits. */
export const ipOf = (request: Request): string => request.ip ?? 'unknown';

/** A route anyone may call (the session, sign-in, set-up, one-time links). */
export const openRoute = (method: RouteSpec['method'], path: string, handler: (request: Request, response: Response) => Promise<void>): RouteSpec => ({
  method,
  path,
  auth: 'none',
  handlers: [handler],
});

/** The session answer for a request with no signed-in account. */
export async function signedOutAnswer(deps: AppDeps, sessions: OwnerSessions, request: Request, response: Response): Promise<SessionAnswer> {
  const pending = await sessions.authenticatePending(request);
  const state = pending !== undefined ? 'two_factor_required' : (await needsFirstOwner(deps.db)) ? 'setup_required' : 'signed_out';
  const csrfToken = pending?.csrfToken ?? sessions.browserCsrfToken(request, response);
  return { state, owner: null, csrfToken, minPasswordLength: MIN_PASSWORD_LENGTH, twoFactorSetupRequired: false };
}

