import type { AdminRequest, AuditActor } from '@reqio/shared';
import { ApiError } from '../../errors/api-error.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import { RequestMergedError } from '../../errors/request-merged-error.js';
import { applyAccountVoterChanges } from '../../storage/accounts/account-totals-queries.js';
import { lockRequestPair, lockVoterAccountsOf, markMerged, moveComments, moveVotes } from '../../storage/requests/merge-queries.js';
import { adjustRequestTotals, findRequestWithAuthor } from '../../storage/requests/request-queries.js';
import { recordAuditEntry } from '../audit/record-audit-entry.js';
import type { ServiceDeps } from '../service-deps.js';
import { toAdminRequest } from './to-admin-request.js';

/**
 * Merges a duplicate into another request of the project: its votes move (a voter of both
 * keeps one vote), its comments move, both requests' vote counts, accounts and revenue are
 * exact afterwards, and it becomes `merged` with `mergedInto`, its id answering the target.
 * 404 when either is not in the project; 409 `merge_into_self`, or `request_merged` when
 * either was merged already. The audit log records who merged it. Returns the target.
 */
export async function mergeRequests(
  deps: Pick<ServiceDeps, 'db' | 'events'>,
  projectId: string,
  requestId: string,
  intoId: string,
  actor: AuditActor,
): Promise<AdminRequest> {
  return deps.db.transaction(async (tx) => {
    await lockVoterAccountsOf(tx, requestId);
    const locked = await lockRequestPair(tx, projectId, [requestId, intoId]);
    const source = locked.find((row) => row.id === requestId);
    const target = locked.find((row) => row.id === intoId);
    if (source === undefined) throw new NotFoundError('There is no such request in this project.');
    if (target === undefined) throw new NotFoundError('There is no request to merge into of that id in this project.');
    if (requestId === intoId) throw new ApiError('merge_into_self', 409, 'A request cannot be merged into itself.');
    if (target.status === 'merged') throw new RequestMergedError('That request was itself merged; merge into the request it was merged into.', null);
    if (source.status === 'merged') throw new RequestMergedError('This request was merged already.', null);

    const votes = await moveVotes(tx, requestId, intoId);
    await applyAccountVoterChanges(tx, [
      ...votes.movedAccounts.flatMap((accountId) => [
        { requestId, accountId, delta: -1 },
        { requestId: intoId, accountId, delta: 1 },
      ]),
      ...votes.droppedAccounts.map((accountId) => ({ requestId, accountId, delta: -1 })),
    ]);
    await adjustRequestTotals(tx, requestId, -(votes.moved + votes.dropped), 0);
    const into = await adjustRequestTotals(tx, intoId, votes.moved, 0);
    await moveComments(tx, requestId, intoId);
    await markMerged(tx, projectId, requestId, intoId);

    const merged = (await findRequestWithAuthor(tx, projectId, intoId))!;
    const from = (await findRequestWithAuthor(tx, projectId, requestId))!;
    await deps.events.emit(tx, {
      type: 'request.merged',
      projectId,
      data: { request: { id: from.id, title: from.title }, into: { id: merged.id, title: merged.title, votes: into } },
    });
    await recordAuditEntry(tx, { projectId, actor, action: 'request.merged', target: requestId, changes: { title: from.title, into: intoId, intoTitle: merged.title } });
    return toAdminRequest(merged);
  });
}
