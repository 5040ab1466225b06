import type { Database } from '../storage/database.js';
import { updateMemberPassword } from '../storage/team/member-queries.js';
import { deleteOwnerSessions } from '../storage/team/owner-queries.js';
import { MemberLinkError } from './errors/member-link-error.js';
import { hashPassword } from './hash-password.js';
import { spendLink } from './spend-member-link.js';

/**
 * Sets a new password through a reset link and ends every session of the account (whoever
 * had it signed in must sign in again). Two-factor sign-in stays as it was.
 */
export async function resetPassword(db: Database, input: { token: string; password: string }): Promise<{ email: string }> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const link = await spendLink(tx, input.token, 'reset');
    if (link.ownerId === null) throw new MemberLinkError('invalid');
    await updateMemberPassword(tx, link.ownerId, passwordHash);
    await deleteOwnerSessions(tx, link.ownerId);
    return { email: link.email };
  });
}
