import { createRequire } from 'node:module';
import type { Request, Response } from 'express';
import { buildOpenApiDocument } from './build-openapi-document.js';

// server/package.json, from src/openapi and dist/openapi alike.
const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** `GET /v1/openapi.json`: the description, built on the first call and kept. */
export function serveOpenApiDocument(options: { publicUrl: string }) {
  let body: string | undefined;
  return function openApiDocument(_request: Request, response: Response): void {
    body ??= JSON.stringify(buildOpenApiDocument({ publicUrl: options.publicUrl, version }));
    response.set({ 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' });
    response.type('application/json').send(body);
  };
}
