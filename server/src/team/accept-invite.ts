import { ConflictError } from '../errors/conflict-error.js';
import { randomId } from '../lib/random-id.js';
import type { Database } from '../storage/database.js';
import { lockTeam } from '../storage/team/member-queries.js';
import { findOwnerByEmail, insertOwner, type OwnerRecord } from '../storage/team/owner-queries.js';
import { hashPassword } from './hash-password.js';
import { spendLink } from './spend-member-link.js';

/**
 * Joins the team through an invite link: an account with the invited email and role, the
 * name and password chosen here, and the link spent. A used, expired or altered link
 * changes nothing (400 `link_invalid`, 410 `link_expired`).
 */
export async function acceptInvite(db: Database, input: { token: string; name: string; password: string }): Promise<OwnerRecord> {
  // scrypt is slow by design: hash before the transaction.
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await lockTeam(tx);
    const link = await spendLink(tx, input.token, 'invite');
    if ((await findOwnerByEmail(tx, link.email)) !== undefined) throw new ConflictError(`${link.email} is already a member of the team: sign in instead.`);
    return insertOwner(tx, { id: randomId('own'), email: link.email, name: input.name, role: link.role ?? 'member', passwordHash });
  });
}
