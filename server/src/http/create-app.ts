import express, { type Express } from 'express';
import type { AppDeps } from './app-deps.js';
import { errorHandler } from './middleware/error-handler.js';
import { measureRequests } from './middleware/metrics.js';
import { notFound } from './middleware/not-found.js';
import { requestLogger } from './middleware/request-logger.js';
import { securityHeaders } from './middleware/security-headers.js';
import { ADMIN_BASE, createAdminRouter } from './routes/admin-routes.js';
import { createSiteRouter } from './routes/site-routes.js';
import { createSystemRouter } from './routes/system-routes.js';
import { WIDGET_BASE, createWidgetRouter } from './routes/widget-routes.js';

/**
 * The Express app, in one readable order: logging and metrics, security headers, the
 * widget API, system and site routes, the admin API, extra routers (dashboard, demo), then
 * not-found and the one error handler.
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxy);
  app.set('query parser', 'simple');

  app.use(requestLogger(deps.logger));
  app.use(measureRequests(deps.metrics));
  app.use(securityHeaders({ publicUrl: deps.config.publicUrl }));

  // The widget API first: its calls are the hot ones, and every router passed over costs
  // each of its routes a path match (issue 14). No system or site path is under WIDGET_BASE.
  app.use(WIDGET_BASE, createWidgetRouter(deps));
  app.use(createSystemRouter(deps));
  app.use(createSiteRouter());
  app.use(ADMIN_BASE, createAdminRouter(deps));
  for (const { path, router } of deps.extraRouters ?? []) app.use(path, router);

  app.use(notFound());
  app.use(errorHandler());
  return app;
}
