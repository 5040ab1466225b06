import type { Principal } from '../../identity/widget-sessions.js';
import { markUpdatesSeen as storeSeen } from '../../storage/updates/request-update-queries.js';
import type { ServiceDeps } from '../service-deps.js';
import { toVoter } from '../votes/to-voter.js';

/** Marks the caller's updates read: the launcher's badge goes away until something new happens. */
export async function markUpdatesSeen(deps: Pick<ServiceDeps, 'db'>, principal: Principal): Promise<void> {
  await storeSeen(deps.db, principal.projectId, toVoter(principal));
}
