import type { AdminRequest } from '@reqio/shared';
import { listRequestsWithAuthors, type RequestSort } from '../../storage/requests/request-queries.js';
import type { ServiceDeps } from '../service-deps.js';
import { toAdminRequest } from './to-admin-request.js';

/** The backlog, by monthly revenue (default), by votes or by newest. Reads the kept-up-to-date totals: no aggregation. */
export async function listAdminRequests(
  deps: Pick<ServiceDeps, 'db'>,
  projectId: string,
  options: { sort: RequestSort; limit: number; offset: number },
): Promise<AdminRequest[]> {
  return (await listRequestsWithAuthors(deps.db, projectId, options)).map(toAdminRequest);
}
