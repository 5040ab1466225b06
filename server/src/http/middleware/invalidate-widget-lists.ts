import type { Request, RequestHandler } from 'express';
import type { WidgetListCache } from '../../services/requests/widget-list-cache.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * For the routers under `/v1/projects/:projectId` and `/v1/admin/projects/:projectId`
 * (mounted after the body parser): every call there that may write — any method but GET,
 * HEAD and OPTIONS, less those `writesNoList` vouches for — drops the project's cached widget
 * list pages when its answer is sent, that is after its transaction committed and before
 * the caller can list again. Every write to requests, votes and comments is made by such a call.
 */
export function invalidateWidgetLists(cache: WidgetListCache | undefined, writesNoList: (request: Request) => boolean = () => false): RequestHandler {
  return (request, response, next) => {
    if (cache === undefined || READS.has(request.method) || writesNoList(request)) return next();
    const projectId = request.params.projectId;
    if (typeof projectId !== 'string') return next();
    const end = response.end;
    response.end = function endAfterInvalidating(this: typeof response, ...args: unknown[]) {
      response.end = end;
      cache.written(projectId);
      return (end as (...endArgs: unknown[]) => typeof response).apply(this, args);
    } as typeof response.end;
    next();
  };
}

/**
 * The widget's calls that write no request, vote or comment: `POST /sessions`, and
 * `POST /identify` without an `anonymousId` (it changes accounts and revenue, which the
 * widget's list does not show; with one, it moves the anonymous votes, requests and
 * comments to the user). Both are made on every page load of the host app, before a list.
 */
export const widgetCallWritesNoList = (request: Request): boolean =>
  request.path === '/sessions' || (request.path === '/identify' && (request.body as { anonymousId?: unknown } | undefined)?.anonymousId === undefined);
