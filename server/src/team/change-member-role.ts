import type { AuditActor, MemberRole, TeamMember } from '@reqio/shared';
import { NotFoundError } from '../errors/not-found-error.js';
import type { Database } from '../storage/database.js';
import { countAdmins, lockTeam, updateMemberRole } from '../storage/team/member-queries.js';
import { recordAuditEntry } from '../services/audit/record-audit-entry.js';
import { LastAdminError } from './errors/last-admin-error.js';

/**
 * Gives a member another role; the last admin cannot be made a member (409 `conflict`,
 * reason `last_admin`): two admins demoting each other at once take turns under one lock.
 */
export async function changeMemberRole(db: Database, memberId: string, role: MemberRole, actor: AuditActor): Promise<TeamMember> {
  return db.transaction(async (tx) => {
    await lockTeam(tx);
    const before = await updateMemberRole(tx, memberId, role);
    if (before === undefined) throw new NotFoundError('There is no such member.');
    if (before.role === 'admin' && role !== 'admin' && (await countAdmins(tx)) === 0) throw new LastAdminError();
    if (before.role !== role) {
      await recordAuditEntry(tx, { projectId: null, actor, action: 'member.role_changed', target: memberId, changes: { email: before.email, from: before.role, to: role } });
    }
    return { ...before, role };
  });
}
