import { isSafeText } from '@reqio/shared';
import express, { type RequestHandler, type Router } from 'express';
import { NotFoundError } from '../errors/not-found-error.js';

/** One route: how it is reached, what credentials it wants, what runs. */
export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  /** `identity-token`: the body carries an identity token; `session`: a widget session; `admin`: an API key or owner. */
  auth: 'none' | 'identity-token' | 'session' | 'admin';
  handlers: RequestHandler[];
}

/**
 * Mounts route specs on a router that sees its parent's `:projectId`. Each route records
 * its full pattern (`/v1/projects/:projectId/identify`) for metrics and logs.
 */
export function buildRouter(mountPath: string, routes: RouteSpec[], before: RequestHandler[] = []): Router {
  const router = express.Router({ mergeParams: true });
  for (const handler of before) router.use(handler);
  for (const route of routes) {
    const pattern = `${mountPath}${route.path === '/' ? '' : route.path}`;
    const recordPattern: RequestHandler = (request, response, next) => {
      response.locals.routePattern = pattern;
      refuseUnstorableParams(request.params);
      next();
    };
    router[route.method](route.path, recordPattern, ...route.handlers);
  }
  return router;
}

/**
 * An id in a path that holds a NUL or a lone surrogate names nothing (and PostgreSQL cannot
 * even compare it): 404 before any query runs.
 */
export function refuseUnstorableParams(params: Record<string, string | string[] | undefined>): void {
  for (const value of Object.values(params)) {
    const values = Array.isArray(value) ? value : [value ?? ''];
    if (!values.every((item) => isSafeText(item, 'line'))) throw new NotFoundError('Nothing has that id.');
  }
}

/** A route builder for one kind of credentials: `route('get', '/users', handler)` puts `check` first. */
export type RouteBuilder = (method: RouteSpec['method'], path: string, handler: RequestHandler) => RouteSpec;

/** Builds routes that run `check` (an admin or session check) before their handler. */
export function createRouteBuilder(auth: RouteSpec['auth'], check: RequestHandler): RouteBuilder {
  return (method, path, handler) => ({ method, path, auth, handlers: [check, handler] });
}
