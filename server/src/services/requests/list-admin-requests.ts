import type { AdminRequest } from '@reqio/shared';
import { listRequestsInSegment, listRequestsWithAuthors, type AccountSegment, type RequestSort } from '../../storage/requests/request-queries.js';
import type { ServiceDeps } from '../service-deps.js';
import { toAdminRequest } from './to-admin-request.js';

/**
 * The backlog, by monthly revenue (default), by votes or by newest. Reads the kept-up-to-date
 * totals: no aggregation. Filtered to a segment (plan, minimum monthly amount), it keeps the
 * requests that segment asked for, with the segment's accounts and revenue.
 */
export async function listAdminRequests(
  deps: Pick<ServiceDeps, 'db'>,
  projectId: string,
  options: { sort: RequestSort; limit: number; offset: number } & AccountSegment,
): Promise<AdminRequest[]> {
  const { plan, minMonthlyAmount, ...page } = options;
  if (plan === undefined && minMonthlyAmount === undefined) return (await listRequestsWithAuthors(deps.db, projectId, page)).map(toAdminRequest);
  const rows = await listRequestsInSegment(deps.db, projectId, { plan, minMonthlyAmount }, page);
  return rows.map((row) => ({ ...toAdminRequest(row), segment: row.segment }));
}
