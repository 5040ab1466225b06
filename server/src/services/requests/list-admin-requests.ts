import type { AdminRequest, RequestStatus } from '@reqio/shared';
import { listRequestsWithAuthors, toSearchQuery, type RequestSort } from '../../storage/requests/request-queries.js';
import type { ServiceDeps } from '../service-deps.js';
import { pageOf } from './page-of.js';
import { toAdminRequest } from './to-admin-request.js';

/** What the backlog asks for: an order, statuses (merged ones only when named), words to search, a page. */
export interface AdminListOptions {
  sort: RequestSort;
  status?: RequestStatus[] | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

/**
 * The backlog, by monthly revenue (default), by votes, by newest or trending, filtered by
 * status and searched, with the next page's offset. Reads the kept-up-to-date totals: no aggregation.
 */
export async function listAdminRequests(
  deps: Pick<ServiceDeps, 'db'>,
  projectId: string,
  options: AdminListOptions,
): Promise<{ requests: AdminRequest[]; nextOffset: number | null }> {
  const search = options.q === undefined ? undefined : toSearchQuery(options.q);
  if (options.q !== undefined && search === undefined) return { requests: [], nextOffset: null };
  const rows = await listRequestsWithAuthors(deps.db, projectId, { sort: options.sort, statuses: options.status, search, limit: options.limit + 1, offset: options.offset });
  const page = pageOf(rows, options);
  return { requests: page.rows.map(toAdminRequest), nextOffset: page.nextOffset };
}
