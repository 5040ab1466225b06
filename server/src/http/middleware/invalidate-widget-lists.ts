import type { RequestHandler } from 'express';
import type { WidgetListCache } from '../../services/requests/widget-list-cache.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * For the routers under `/v1/projects/:projectId` and `/v1/admin/projects/:projectId`
 * (mounted after the body parser): every call there that may write — any method but GET,
 * HEAD and OPTIONS — drops the project's cached widget list pages when its answer is sent,
 * that is after its transaction committed and before the caller can list again. Every write
 * to requests, votes and comments is made by such a call. Two calls are let through:
 * `POST /sessions` (writes none of them) and `POST /identify` without an `anonymousId`
 * (changes only accounts and revenue, which the widget's list does not show; with one, it
 * moves the anonymous votes, requests and comments to the user).
 */
export function invalidateWidgetLists(cache: WidgetListCache | undefined): RequestHandler {
  return (request, response, next) => {
    if (cache === undefined || READS.has(request.method)) return next();
    if (request.path === '/sessions') return next();
    if (request.path === '/identify' && (request.body as { anonymousId?: unknown } | undefined)?.anonymousId === undefined) return next();
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
