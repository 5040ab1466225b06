import express, { type RequestHandler, type Router } from 'express';

/** One route: how it is reached, what credentials it wants, what runs. */
export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  /** `identity-token`: the body carries an identity token; `session`: a widget session; `admin`: an API key or owner. */
  auth: 'none' | 'identity-token' | 'session' | 'admin';
  handlers: RequestHandler[];
}

/** Mounts route specs on a router that sees its parent's `:projectId`. */
export function buildRouter(routes: RouteSpec[], before: RequestHandler[] = []): Router {
  const router = express.Router({ mergeParams: true });
  for (const handler of before) router.use(handler);
  for (const route of routes) router[route.method](route.path, ...route.handlers);
  return router;
}
