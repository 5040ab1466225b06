import type { MemberRole } from '@reqio/shared';
import type { Request } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import type { ServiceDeps } from '../services/service-deps.js';
import type { Metrics } from './middleware/metrics.js';
import type { RateLimits } from './middleware/rate-limit.js';
import type { Router } from 'express';

/** Who is calling the admin API (or the dashboard's), what they may do, and which projects they may touch. */
export interface AdminCaller {
  kind: 'api_key' | 'member';
  /** The key's id or the member's id. */
  id: string;
  /** The member's email or the key's name, for the audit log. */
  name?: string;
  /** API keys act as admins of their one project. */
  role: MemberRole;
  canAccess(projectId: string): boolean;
  /** The team requires two-factor sign-in and this member has not set it up yet. */
  twoFactorSetupRequired?: boolean;
  /** Spends the session's fresh step-up (password entered again); absent for API keys, which have no password. */
  spendStepUp?: () => Promise<boolean>;
}

/** Recognises an admin caller from a request (an API key; the dashboard adds its own session). */
export type AdminAuthenticator = (request: Request) => Promise<AdminCaller | undefined>;

/** What `createApp` is built from: services' dependencies plus the HTTP layer's own. */
export interface AppDeps extends ServiceDeps {
  config: Pick<Config, 'publicUrl' | 'trustProxy'>;
  logger: Logger;
  metrics: Metrics;
  rateLimits: RateLimits;
  /** The built widget bundle served at `/widget.js`. */
  widgetFile: string;
  /** The `@reqio/mint` tarball served at `/packages/reqio-mint.tgz`. */
  mintTarball: string;
  /** More ways to authenticate admin calls (the dashboard's session), tried after API keys. */
  adminAuthenticators?: AdminAuthenticator[];
  /** Routers mounted before the not-found handler (dashboard, demo). */
  extraRouters?: { path: string; router: Router }[];
}
