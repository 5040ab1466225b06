import type { WidgetRequest } from '@reqio/shared';
import type { Principal } from '../identity/widget-sessions.js';
import { listRequestsWithVoted } from '../storage/request-queries.js';
import type { ServiceDeps } from './service-deps.js';
import { toVoter } from './to-voter.js';
import { toWidgetRequest } from './to-widget-request.js';

/** The project's requests for the widget, with whether the caller voted for each. */
export async function listWidgetRequests(
  deps: Pick<ServiceDeps, 'db'>,
  principal: Principal,
  options: { sort: 'top' | 'new'; limit: number; offset: number },
): Promise<WidgetRequest[]> {
  const rows = await listRequestsWithVoted(deps.db, principal.projectId, toVoter(principal), options);
  return rows.map((row) => toWidgetRequest(row, row.voted));
}
