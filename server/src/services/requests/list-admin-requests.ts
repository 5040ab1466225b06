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
  /** A segment: accounts on this plan … */
  plan?: string | undefined;
  /** … paying at least this much a month (minor units of the project's currency). */
  minMonthlyAmount?: number | undefined;
  limit: number;
  offset: number;
}

/**
 * The backlog, by monthly revenue (default), by votes, by newest or trending, filtered by
 * status, searched, or narrowed to a segment of accounts (with the segment's share), with the
 * next page's offset. Reads the kept-up-to-date totals: no aggregation but for a segment.
 */
export async function listAdminRequests(
  deps: Pick<ServiceDeps, 'db'>,
  projectId: string,
  options: AdminListOptions,
): Promise<{ requests: AdminRequest[]; nextOffset: number | null }> {
  const search = options.q === undefined ? undefined : toSearchQuery(options.q);
  if (options.q !== undefined && search === undefined) return { requests: [], nextOffset: null };
  const segment = options.plan === undefined && options.minMonthlyAmount === undefined ? undefined : { plan: options.plan, minMonthlyAmount: options.minMonthlyAmount };
  const rows = await listRequestsWithAuthors(deps.db, projectId, { sort: options.sort, statuses: options.status, search, segment, limit: options.limit + 1, offset: options.offset });
  const page = pageOf(rows, options);
  return { requests: page.rows.map(toAdminRequest), nextOffset: page.nextOffset };
}
