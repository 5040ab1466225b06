import type { WidgetRequest } from '@reqio/shared';
import type { Principal } from '../../identity/widget-sessions.js';
import { randomId } from '../../lib/random-id.js';
import { adjustRequestTotals, insertRequest } from '../../storage/requests/request-queries.js';
import { insertVote } from '../../storage/votes/vote-queries.js';
import { requireMayWrite } from './require-may-write.js';
import type { ServiceDeps } from '../service-deps.js';
import { toVoter } from '../votes/to-voter.js';
import { toWidgetRequest } from './to-widget-request.js';
import { voterRevenue } from '../votes/voter-revenue.js';

/** Creates a request; its author's vote comes with it, as on every feedback board. */
export async function createRequest(
  deps: Pick<ServiceDeps, 'db' | 'keyRing' | 'events'>,
  principal: Principal,
  input: { title: string; body: string },
): Promise<WidgetRequest> {
  await requireMayWrite(deps.keyRing, principal);
  const voter = toVoter(principal);
  return deps.db.transaction(async (tx) => {
    const revenue = await voterRevenue(tx, principal);
    const request = await insertRequest(tx, { id: randomId('req'), projectId: principal.projectId, title: input.title, body: input.body, author: voter });
    await insertVote(tx, { requestId: request.id, projectId: principal.projectId, voter });
    request.votes = await adjustRequestTotals(tx, request.id, 1, revenue);
    request.monthlyRevenue = revenue;
    const widgetRequest = toWidgetRequest(request, true);
    await deps.events.emit(tx, { type: 'request.created', projectId: principal.projectId, data: { request: { ...widgetRequest, voted: undefined } } });
    return widgetRequest;
  });
}
