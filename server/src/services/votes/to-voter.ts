import type { Principal } from '../../identity/widget-sessions.js';
import type { Voter } from '../../storage/requests/request-queries.js';

/** The storage layer's voter for a session's principal. */
export const toVoter = (principal: Principal): Voter =>
  principal.kind === 'user' ? { userId: principal.userId } : { anonymousId: principal.anonymousId };
