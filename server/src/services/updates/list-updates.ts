import type { UpdatesResponse } from '@reqio/shared';
import type { Principal } from '../../identity/widget-sessions.js';
import { findRequestsWithVoted } from '../../storage/requests/request-queries.js';
import { listUnseenUpdates } from '../../storage/updates/request-update-queries.js';
import { toWidgetRequest } from '../requests/to-widget-request.js';
import type { ServiceDeps } from '../service-deps.js';
import { toVoter } from '../votes/to-voter.js';

const MAX_UPDATES = 50;

/** What changed, since the caller last looked, on the requests they voted for or commented on: new statuses and team replies, newest first. */
export async function listUpdates(deps: Pick<ServiceDeps, 'db'>, principal: Principal): Promise<UpdatesResponse> {
  const voter = toVoter(principal);
  const updates = await listUnseenUpdates(deps.db, principal.projectId, voter, MAX_UPDATES);
  const requests = await findRequestsWithVoted(deps.db, principal.projectId, voter, [...new Set(updates.map((update) => update.requestId))]);
  const byId = new Map(requests.map((request) => [request.id, request]));
  return {
    updates: updates.flatMap((update) => {
      const request = byId.get(update.requestId);
      return request === undefined || request.status === 'merged' ? [] : [{ request: toWidgetRequest(request, request.voted, request.commentCount), kind: update.kind, at: update.at }];
    }),
  };
}
