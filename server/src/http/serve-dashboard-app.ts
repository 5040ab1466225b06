import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import { NotFoundError } from '../errors/not-found-error.js';
import { pageContentSecurityPolicy } from './page-content-security-policy.js';
import { serveCompressed } from './serve-compressed.js';

// The dashboard loads only its own files and talks only to its own origin; nothing may frame it.
const CONTENT_SECURITY_POLICY = pageContentSecurityPolicy();

/**
 * Serves the built Preact app, gzip or brotli: hashed assets cached for a year (immutable),
 * and `index.html` (revalidated every time) for every other path, so `/dashboard/projects/…` reloads work. Without a build
 * it answers 503 with what to run.
 */
export function serveDashboardApp(distDir: string): Router {
  const router = express.Router();
  const index = path.join(distDir, 'index.html');
  router.use((_request, response, next) => {
    response.set({ 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Frame-Options': 'DENY' });
    next();
  });
  const compressed = serveCompressed();
  router.use('/assets', compressed, express.static(path.join(distDir, 'assets'), { index: false, immutable: true, maxAge: '365d' }), (request) => {
    throw new NotFoundError(`There is no dashboard asset ${request.path.slice(0, 200)}.`);
  });
  router.get('/{*path}', compressed, (_request, response) => {
    if (!existsSync(index)) {
      response.status(503).type('text/plain').send('The dashboard is not built yet: run npm run build in the repository root.');
      return;
    }
    response.set('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
  return router;
}
