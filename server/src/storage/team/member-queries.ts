import type { MemberRole, TeamMember } from '@reqio/shared';
import type { Queryable } from '../database.js';
import { toIso } from '../row-values.js';

// Any constant works; it only has to be the same for every instance.
const TEAM_LOCK = 7_263_007;

/** Serialises changes that must leave the team an admin (instances sharing one PostgreSQL take turns); call inside a transaction. */
export async function lockTeam(q: Queryable): Promise<void> {
  await q.query('select pg_advisory_xact_lock($1)', [TEAM_LOCK]);
}

type MemberRow = { id: string; email: string; name: string; role: MemberRole; totp_enabled_at: Date | null; created_at: Date };
const toMember = (row: MemberRow): TeamMember => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  twoFactorEnabled: row.totp_enabled_at !== null,
  createdAt: toIso(row.created_at),
});

/** Every dashboard account, admins first, then by when they joined. */
export async function listMembers(q: Queryable): Promise<TeamMember[]> {
  const rows = await q.query<MemberRow>(
    "select id, email, name, role, totp_enabled_at, created_at from owners order by role = 'admin' desc, created_at, id",
  );
  return rows.map(toMember);
}

export async function countAdmins(q: Queryable): Promise<number> {
  const [row] = await q.query<{ count: number | string }>("select count(*) as count from owners where role = 'admin'");
  return Number(row!.count);
}

/** Sets an account's role; the member as it was before, or undefined when there is no such account. */
export async function updateMemberRole(q: Queryable, memberId: string, role: MemberRole): Promise<TeamMember | undefined> {
  const [row] = await q.query<MemberRow>(
    `update owners set role = $2 from (select id, role from owners where id = $1 for update) as before
     where owners.id = before.id
     returning owners.id, owners.email, owners.name, before.role, owners.totp_enabled_at, owners.created_at`,
    [memberId, role],
  );
  return row && toMember(row);
}

/** Deletes an account (its sessions, links and recovery codes go with it); the member as it was, or undefined. */
export async function deleteMember(q: Queryable, memberId: string): Promise<TeamMember | undefined> {
  const [row] = await q.query<MemberRow>('delete from owners where id = $1 returning id, email, name, role, totp_enabled_at, created_at', [memberId]);
  return row && toMember(row);
}

/** Replaces an account's password hash. */
export async function updateMemberPassword(q: Queryable, memberId: string, passwordHash: string): Promise<void> {
  await q.query('update owners set password_hash = $2, password_changed_at = now() where id = $1', [memberId, passwordHash]);
}
