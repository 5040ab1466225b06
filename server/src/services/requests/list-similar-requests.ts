import type { WidgetRequest } from '@reqio/shared';
import type { Principal } from '../../identity/widget-sessions.js';
import { findRequestsWithVoted } from '../../storage/requests/request-queries.js';
import { findSimilarRequestIds } from '../../storage/search/similar-request-queries.js';
import type { ServiceDeps } from '../service-deps.js';
import { toVoter } from '../votes/to-voter.js';
import { toWidgetRequest } from './to-widget-request.js';

/** How many similar requests the widget shows while a title is typed. */
export const MAX_SIMILAR_REQUESTS = 5;

/** Up to 5 open requests like the title being typed, most alike first, so people vote instead of filing a duplicate. */
export async function listSimilarRequests(deps: Pick<ServiceDeps, 'db'>, principal: Principal, title: string): Promise<{ requests: WidgetRequest[] }> {
  if (title.length < 3) return { requests: [] };
  const ids = await findSimilarRequestIds(deps.db, principal.projectId, title, MAX_SIMILAR_REQUESTS);
  const rows = await findRequestsWithVoted(deps.db, principal.projectId, toVoter(principal), ids);
  return { requests: rows.map((row) => toWidgetRequest(row, row.voted, row.commentCount)) };
}
