import type { AuditActor } from '@reqio/shared';
import { NotFoundError } from '../errors/not-found-error.js';
import type { Database } from '../storage/database.js';
import { countAdmins, deleteMember, lockTeam } from '../storage/team/member-queries.js';
import { recordAuditEntry } from '../services/audit/record-audit-entry.js';
import { LastAdminError } from './errors/last-admin-error.js';

/**
 * Removes a member from the team: the account and every session of it end at once. The
 * last admin cannot be removed (409 `conflict`, reason `last_admin`).
 */
export async function removeMember(db: Database, memberId: string, actor: AuditActor): Promise<void> {
  await db.transaction(async (tx) => {
    await lockTeam(tx);
    const removed = await deleteMember(tx, memberId);
    if (removed === undefined) throw new NotFoundError('There is no such member.');
    if (removed.role === 'admin' && (await countAdmins(tx)) === 0) throw new LastAdminError();
    await recordAuditEntry(tx, { projectId: null, actor, action: 'member.removed', target: memberId, changes: { email: removed.email, role: removed.role } });
  });
}
