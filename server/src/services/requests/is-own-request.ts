import type { Principal } from '../../identity/widget-sessions.js';
import type { RequestRecord } from '../../storage/requests/request-queries.js';

/** Whether `principal` wrote `request`. */
export const isOwnRequest = (request: RequestRecord, principal: Principal): boolean =>
  principal.kind === 'user' ? request.authorUserId === principal.userId : request.authorAnonymousId === principal.anonymousId;
