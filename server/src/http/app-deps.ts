import type { Request } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import type { ServiceDeps } from '../services/service-deps.js';
import type { ChangeFeed } from '../storage/change-feed.js';
import type { Metrics } from './middleware/metrics.js';
import type { RateLimits } from './middleware/rate-limit.js';
import type { Router } from 'express';

/** Who is calling the admin API, and which projects they may touch. */
export interface AdminCaller {
  kind: 'api_key' | 'owner';
  /** A label for logs: the key's id or the owner's id. */
  id: string;
  canAccess(projectId: string): boolean;
}

/** Recognises an admin caller from a request (an API key; the dashboard adds its own session). */
export type AdminAuthenticator = (request: Request) => Promise<AdminCaller | undefined>;

/** What `createApp` is built from: services' dependencies plus the HTTP layer's own. */
export interface AppDeps extends ServiceDeps {
  config: Pick<Config, 'publicUrl' | 'trustProxy' | 'metricsToken'>;
  logger: Logger;
  metrics: Metrics;
  rateLimits: RateLimits;
  /** Store changes from every instance (rotations, deletions, due outbox rows), as they commit. */
  changes: ChangeFeed;
  /** The built widget bundle served at `/widget.js`. */
  widgetFile: string;
  /** The `@reqio/mint` tarball served at `/packages/reqio-mint.tgz`. */
  mintTarball: string;
  /** More ways to authenticate admin calls (the dashboard's session), tried after API keys. */
  adminAuthenticators?: AdminAuthenticator[];
  /** Routers mounted before the not-found handler (dashboard, demo). */
  extraRouters?: { path: string; router: Router }[];
}
