import express, { type RequestHandler, type Router } from 'express';
import type { MemberRole } from '@reqio/shared';
import { authorizeRoute } from '../team/authorize-route.js';

/** Who may call a team route (CONTRACT §9), declared next to the route and checked by {@link authorizeRoute} alone. */
export interface RouteAccess {
  /** The least role that may call it: `member` lets every signed-in account in, `admin` only admins (and API keys). */
  role: MemberRole;
  /** A dashboard session must have entered its password (and two-factor code) again just before; each call spends it. */
  stepUp?: boolean;
  /** Open to an account that must still set up two-factor sign-in (the set-up itself). */
  duringTwoFactorSetup?: boolean;
}

/** Backlog work: every member of the team. */
export const MEMBERS: RouteAccess = { role: 'member' };
/** Settings, secrets, API keys, webhooks, members: admins only (the default). */
export const ADMINS: RouteAccess = { role: 'admin' };
/** Revealing or generating a secret: admins, with the password entered again. */
export const ADMINS_STEP_UP: RouteAccess = { role: 'admin', stepUp: true };

/** One route: how it is reached, what credentials it wants, who may call it, what runs. */
export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  /**
   * `identity-token`: the body carries an identity token; `session`: a widget session;
   * `admin`: an API key or a dashboard session; `dashboard`: a dashboard session only.
   */
  auth: 'none' | 'identity-token' | 'session' | 'admin' | 'dashboard';
  /** Who may call it, for `admin` and `dashboard` routes. */
  access?: RouteAccess;
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

/**
 * A route builder for one kind of credentials: `route('get', '/users', handler, MEMBERS)`
 * puts `check` first, then the one permission check. Without `access` a route is for
 * admins: a route nobody thought about is closed to members, not open.
 */
export type RouteBuilder = (method: RouteSpec['method'], path: string, handler: RequestHandler, access?: RouteAccess) => RouteSpec;

/** Builds routes that run `check` (who is calling) and then {@link authorizeRoute} (may they) before their handler. */
export function createRouteBuilder(auth: RouteSpec['auth'], check: RequestHandler): RouteBuilder {
  return (method, path, handler, access = ADMINS) => ({ method, path, auth, access, handlers: [check, authorizeRoute(access), handler] });
}
