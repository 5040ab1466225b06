import type { Request } from 'express';
import { NotFoundError } from '../../errors/not-found-error.js';

/** Answers 404 `not_found` for any route that does not exist. */
export function notFound() {
  return function routeNotFound(request: Request): never {
    throw new NotFoundError(`There is no ${request.method} ${request.path.slice(0, 200)}.`);
  };
}
