import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { UnauthorizedError } from '../../errors/unauthorized-error.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** `/metrics` behind `Authorization: Bearer <REQIO_METRICS_TOKEN>` when one is configured; open otherwise. */
export function requireMetricsToken(token: string | undefined) {
  const expected = token === undefined ? undefined : digest(`Bearer ${token}`);
  return function checkMetricsToken(request: Request, _response: Response, next: NextFunction): void {
    // Compared as digests, in constant time: the token's length and prefix stay unknown.
    if (expected !== undefined && !timingSafeEqual(digest(request.headers.authorization ?? ''), expected)) {
      throw new UnauthorizedError('GET /metrics needs Authorization: Bearer <REQIO_METRICS_TOKEN>.');
    }
    next();
  };
}
