import express, { type RequestHandler, type Router } from 'express';

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
    const recordPattern: RequestHandler = (_request, response, next) => {
      response.locals.routePattern = pattern;
      next();
    };
    router[route.method](route.path, recordPattern, ...route.handlers);
  }
  return router;
}

/** A route builder for one kind of credentials: `route('get', '/users', handler)` puts `check` first. */
export type RouteBuilder = (method: RouteSpec['method'], path: string, handler: RequestHandler) => RouteSpec;

/** Builds routes that run `check` (an admin or session check) before their handler. */
export function createRouteBuilder(auth: RouteSpec['auth'], check: RequestHandler): RouteBuilder {
  return (method, path, handler) => ({ method, path, auth, handlers: [check, handler] });
}
