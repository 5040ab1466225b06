import type { RequestStatus, WidgetRequest } from '@reqio/shared';
import type { Principal } from '../../identity/widget-sessions.js';
import { listRequestsWithVoted, toSearchQuery } from '../../storage/requests/request-queries.js';
import type { ServiceDeps } from '../service-deps.js';
import { toVoter } from '../votes/to-voter.js';
import { pageOf } from './page-of.js';

/** What the widget's list asks for: an order, statuses, words to search, a page. */
export interface WidgetListOptions {
  sort: 'top' | 'new' | 'trending';
  status?: RequestStatus[] | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

/**
 * A page of the project's requests for the widget (never merged ones), with whether the
 * caller voted for each, and the offset of the next page (null on the last one). With `q`,
 * only requests whose title or body match, best match first.
 */
export async function listWidgetRequests(
  deps: Pick<ServiceDeps, 'db'>,
  principal: Principal,
  options: WidgetListOptions,
): Promise<{ requests: WidgetRequest[]; nextOffset: number | null }> {
  const search = options.q === undefined ? undefined : toSearchQuery(options.q);
  if (options.q !== undefined && search === undefined) return { requests: [], nextOffset: null };
  const statuses = options.status?.filter((status) => status !== 'merged');
  if (statuses !== undefined && statuses.length === 0) return { requests: [], nextOffset: null };
  // One row more than asked says whether there is a next page, without a count.
  const rows = await listRequestsWithVoted(deps.db, principal.projectId, toVoter(principal), {
    sort: options.sort,
    statuses,
    search,
    limit: options.limit + 1,
    offset: options.offset,
  });
  const page = pageOf(rows, options);
  // The rows are already WidgetRequests (keys, order and values), so they go out as they are.
  return { requests: page.rows, nextOffset: page.nextOffset };
}
