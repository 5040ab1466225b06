import cors from 'cors';
import { originMatches } from '@reqio/shared';
import type { NextFunction, Request, Response } from 'express';
import { ForbiddenError } from '../../errors/forbidden-error.js';
import type { ProjectKeyRing } from '../../identity/project-key-ring.js';

/**
 * CORS for the widget API: the project's allowed origins plus the service's own origin.
 * Preflights are cached by browsers for 10 minutes. A request whose Origin is not allowed
 * is refused server-side too (403), not merely hidden from the page.
 */
export function widgetCors(options: { keyRing: ProjectKeyRing; publicUrl: string }) {
  const ownOrigin = new URL(options.publicUrl).origin;
  const isAllowed = async (request: Request, origin: string): Promise<boolean> => {
    if (origin === ownOrigin) return true;
    const entry = await options.keyRing.get(String(request.params.projectId));
    // An unknown project has nothing to protect: let the page read its 404.
    return entry === undefined || entry.project.allowedOrigins.some((allowed) => originMatches(allowed, origin));
  };
  const corsMiddleware = cors((request, callback) => {
    const origin = request.headers.origin;
    if (origin === undefined) return callback(null, { origin: false });
    isAllowed(request as Request, origin).then(
      (allowed) =>
        callback(null, {
          origin: allowed ? origin : false,
          methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
          allowedHeaders: ['authorization', 'content-type'],
          // The widget reads Retry-After to back off on 429.
          exposedHeaders: ['Retry-After'],
          maxAge: 600,
        }),
      (error: unknown) => callback(error as Error),
    );
  });
  return [
    corsMiddleware,
    async function refuseOtherOrigins(request: Request, _response: Response, next: NextFunction): Promise<void> {
      const origin = request.headers.origin;
      if (origin !== undefined && !(await isAllowed(request, origin))) {
        throw new ForbiddenError(`The origin ${origin.slice(0, 200)} is not one of this project's allowed origins.`);
      }
      next();
    },
  ];
}
