import { existsSync } from 'node:fs';
import express from 'express';
import { serveOpenApiDocument } from '../../openapi/serve-openapi-document.js';
import type { AppDeps } from '../app-deps.js';

/** `/healthz`, `/metrics`, `/widget.js` and `/v1/openapi.json`. */
export function createSystemRouter(deps: AppDeps) {
  const router = express.Router();
  router.get('/healthz', async (_request, response) => {
    try {
      await deps.db.query('select 1');
      response.json({ ok: true, store: deps.db.kind });
    } catch {
      response.status(503).json({ ok: false, store: deps.db.kind });
    }
  });
  router.get('/metrics', async (_request, response) => {
    response.set('Content-Type', deps.metrics.registry.contentType);
    response.send(await deps.metrics.registry.metrics());
  });
  router.get('/widget.js', (_request, response) => {
    if (!existsSync(deps.widgetFile)) {
      response.status(503).type('text/javascript').send('console.warn("[reqio] the widget is not built: run npm run build");');
      return;
    }
    // Any page may load the script; short caching so a deploy reaches pages soon.
    response.set({ 'Cache-Control': 'public, max-age=300', 'Cross-Origin-Resource-Policy': 'cross-origin', 'Access-Control-Allow-Origin': '*' });
    response.sendFile(deps.widgetFile);
  });
  router.get('/v1/openapi.json', serveOpenApiDocument({ publicUrl: deps.config.publicUrl }));
  return router;
}
