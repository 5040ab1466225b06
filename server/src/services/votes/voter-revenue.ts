import { SessionExpiredError } from '../../errors/session-expired-error.js';
import type { Principal } from '../../identity/widget-sessions.js';
import type { Queryable } from '../../storage/database.js';
import { lockUserRevenue } from '../../storage/users/user-queries.js';

/**
 * What a vote by `principal` adds to a request's revenue: the user's current monthly
 * amount (their row locked so a concurrent identify cannot change it mid-vote), or 0.
 */
export async function voterRevenue(tx: Queryable, principal: Principal): Promise<number> {
  if (principal.kind === 'anonymous') return 0;
  const amount = await lockUserRevenue(tx, principal.userId);
  if (amount === undefined) throw new SessionExpiredError('The user of this session was deleted.');
  return amount;
}
