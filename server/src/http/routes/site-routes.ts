import { fileURLToPath } from 'node:url';
import express from 'express';
import { serveCompressed } from '../serve-compressed.js';

// server/assets, from src/http/routes and dist/http/routes alike.
const ASSETS = fileURLToPath(new URL('../../../assets/', import.meta.url));

/** What a person opening the service's address meets: `/` leads to the dashboard, and the favicon. */
export function createSiteRouter() {
  const router = express.Router();
  router.get('/', (_request, response) => response.redirect(302, '/dashboard'));
  const icon = (file: string, type: string) => (_request: express.Request, response: express.Response) =>
    response.sendFile(`${ASSETS}${file}`, { headers: { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' } });
  router.get('/favicon.ico', serveCompressed(), icon('favicon.ico', 'image/x-icon'));
  router.get('/favicon.svg', serveCompressed(), icon('favicon.svg', 'image/svg+xml'));
  return router;
}
