import type { WidgetRequest } from '@reqio/shared';
import type { Principal } from '../../identity/widget-sessions.js';
import { randomId } from '../../lib/random-id.js';
import { insertRequest } from '../../storage/requests/request-queries.js';
import { requireMayWrite } from './require-may-write.js';
import type { ServiceDeps } from '../service-deps.js';
import { toVoter } from '../votes/to-voter.js';
import { toWidgetRequest } from './to-widget-request.js';
import { addVote } from '../votes/record-vote.js';

/** Creates a request; its author's vote comes with it, as on every feedback board. */
export async function createRequest(
  deps: Pick<ServiceDeps, 'db' | 'keyRing' | 'events'>,
  principal: Principal,
  input: { title: string; body: string },
): Promise<WidgetRequest> {
  await requireMayWrite(deps.keyRing, principal);
  const voter = toVoter(principal);
  return deps.db.transaction(async (tx) => {
    const request = await insertRequest(tx, { id: randomId('req'), projectId: principal.projectId, title: input.title, body: input.body, author: voter });
    request.votes = (await addVote(tx, principal, request.id)) ?? 0;
    const widgetRequest = toWidgetRequest(request, true);
    await deps.events.emit(tx, { type: 'request.created', projectId: principal.projectId, data: { request: { ...widgetRequest, voted: undefined } } });
    return widgetRequest;
  });
}
