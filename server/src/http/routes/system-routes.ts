import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import express from 'express';
import { serveOpenApiDocument } from '../../openapi/serve-openapi-document.js';
import type { AppDeps } from '../app-deps.js';
import { requireMetricsToken } from '../middleware/require-metrics-token.js';
import { serveCompressed } from '../serve-compressed.js';
import { serveWidgetFiles } from '../serve-widget-files.js';
import { unsubscribeHandlers } from './unsubscribe-handlers.js';

// server/package.json, from src/http/routes and dist/http/routes alike: the tarball is this version's.
const { version } = createRequire(import.meta.url)('../../../package.json') as { version: string };

/** `/healthz`, `/metrics`, `/widget.js` (and the widget's other files), `/packages/reqio-mint.tgz`, `/v1/openapi.json` and `/v1/unsubscribe/:token`. */
export function createSystemRouter(deps: AppDeps) {
  const router = express.Router();
  const compressed = serveCompressed();
  const widgetFiles = serveWidgetFiles(path.dirname(deps.widgetFile));
  router.get('/healthz', async (_request, response) => {
    try {
      await deps.db.query('select 1');
      response.json({ ok: true, store: deps.db.kind });
    } catch {
      response.status(503).json({ ok: false, store: deps.db.kind });
    }
  });
  router.get('/metrics', requireMetricsToken(deps.config.metricsToken), async (_request, response) => {
    response.set('Content-Type', deps.metrics.registry.contentType);
    response.send(await deps.metrics.registry.metrics());
  });
  router.get('/widget.js', (request, response, next) => {
    if (!existsSync(deps.widgetFile)) {
      response.status(503).type('text/javascript').send('console.warn("[reqio] the widget is not built: run npm run build");');
      return;
    }
    // Any page may load the script; short caching and an ETag, so a deploy reaches pages soon.
    widgetFiles(request, response, next);
  });
  // The chunks widget.js loads (its panel): hashed, so cached for good.
  router.use(widgetFiles);
  // CONTRACT §2: `npm install ${PUBLIC_URL}/packages/reqio-mint.tgz` works with nothing published.
  router.get('/packages/reqio-mint.tgz', compressed, (_request, response) => {
    if (!existsSync(deps.mintTarball)) {
      response.status(503).type('text/plain').send('The @reqio/mint package is not built yet: run npm run build in the repository root.');
      return;
    }
    response.sendFile(deps.mintTarball, {
      headers: {
        'Content-Type': 'application/gzip',
        'Content-Disposition': `attachment; filename="reqio-mint-${version}.tgz"`,
        'Cache-Control': 'public, max-age=300, must-revalidate',
      },
    });
  });
  router.get('/v1/openapi.json', serveOpenApiDocument({ publicUrl: deps.config.publicUrl }));
  const unsubscribe = unsubscribeHandlers(deps);
  router.get('/v1/unsubscribe/:token', ...unsubscribe.get);
  router.post('/v1/unsubscribe/:token', ...unsubscribe.post);
  return router;
}
