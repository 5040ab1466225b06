import type { WidgetRequest } from '@reqio/shared';
import type { Principal } from '../../identity/widget-sessions.js';
import { listRequestsWithVoted } from '../../storage/requests/request-queries.js';
import type { ServiceDeps } from '../service-deps.js';
import { toVoter } from '../votes/to-voter.js';
import { toWidgetRequest } from './to-widget-request.js';

/**
 * A page of the project's requests for the widget, with whether the caller voted for each,
 * and the offset of the next page (null on the last one).
 */
export async function listWidgetRequests(
  deps: Pick<ServiceDeps, 'db'>,
  principal: Principal,
  options: { sort: 'top' | 'new'; limit: number; offset: number },
): Promise<{ requests: WidgetRequest[]; nextOffset: number | null }> {
  // One row more than asked says whether there is a next page, without a count.
  const rows = await listRequestsWithVoted(deps.db, principal.projectId, toVoter(principal), { ...options, limit: options.limit + 1 });
  const page = rows.slice(0, options.limit);
  return { requests: page.map((row) => toWidgetRequest(row, row.voted)), nextOffset: rows.length > options.limit ? options.offset + options.limit : null };
}
