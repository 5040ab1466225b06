import { fileURLToPath } from 'node:url';
import express from 'express';
import type { AppDeps } from './app-deps.js';
import { createDashboardApiRouter } from './routes/dashboard-routes.js';
import { issueSetupLink, type SetupLink } from '../team/issue-setup-link.js';
import { ownerAuthenticator } from '../team/owner-authenticator.js';
import { createOwnerSessions } from '../team/owner-sessions.js';
import { createPasswordAttemptLimiter, type PasswordAttemptOptions } from '../team/password-attempt-limiter.js';
import type { TeamMailer } from '../team/team-mailer.js';
import { serveDashboardApp } from './serve-dashboard-app.js';

/** Where Vite builds the dashboard, from `server/src` and `server/dist` alike. */
export const DEFAULT_DASHBOARD_DIST = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));

/** Options of {@link installDashboard}. */
export interface DashboardOptions {
  /** The built app; default `server/dashboard/dist`. */
  distDir?: string;
  /** How long a first-run link works; default one hour. */
  setupLinkTtlSeconds?: number;
  /** How long a dashboard session lasts; default 12 hours. */
  sessionTtlSeconds?: number;
  /** Password attempts per account and IP, and per IP, in `windowSeconds`; default 10, 30 and 15 minutes. */
  passwordAttempts?: PasswordAttemptOptions;
  /** Emails invites (SMTP); without one the dashboard only shows the link to copy. */
  mailer?: TeamMailer;
}

/** The installed dashboard. */
export interface Dashboard {
  /** A one-time first-run link while the installation has no owner; undefined once it has one. */
  issueSetupLink(): Promise<SetupLink | undefined>;
}

/**
 * Adds the dashboard to the app's dependencies (call it from `startServer`'s `customize`):
 * the Preact app and its JSON routes at `/dashboard`, and the owner's session as a way to
 * call the admin API.
 *
 * @example
 * await startServer(config, { customize: (deps) => void (dashboard = installDashboard(deps)) });
 */
export function installDashboard(deps: AppDeps, options: DashboardOptions = {}): Dashboard {
  const publicUrl = deps.config.publicUrl;
  const sessions = createOwnerSessions({ db: deps.db, publicUrl, ...(options.sessionTtlSeconds !== undefined && { ttlSeconds: options.sessionTtlSeconds }) });
  // Counted where the app's other limits are: in Redis when REDIS_URL is set, shared by every instance.
  const limiter = createPasswordAttemptLimiter(options.passwordAttempts, deps.rateLimits.create);
  const router = express.Router();
  router.use('/api', createDashboardApiRouter(deps, { sessions, limiter, mailer: options.mailer }));
  router.use(serveDashboardApp(options.distDir ?? DEFAULT_DASHBOARD_DIST));
  (deps.adminAuthenticators ??= []).push(ownerAuthenticator(sessions));
  (deps.extraRouters ??= []).push({ path: '/dashboard', router });
  return {
    issueSetupLink: () => issueSetupLink(deps.db, { publicUrl, ...(options.setupLinkTtlSeconds !== undefined && { ttlSeconds: options.setupLinkTtlSeconds }) }),
  };
}
