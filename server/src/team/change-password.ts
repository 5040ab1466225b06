import type { Database } from '../storage/database.js';
import { updateMemberPassword } from '../storage/team/member-queries.js';
import { deleteOwnerSessions } from '../storage/team/owner-queries.js';
import { authenticateOwner } from './authenticate-owner.js';
import { hashPassword } from './hash-password.js';

/**
 * Changes an account's password after checking the current one (401 `credentials_invalid`
 * otherwise), and ends every other session of the account; `keepTokenHash` is the
 * session that asked, which stays signed in.
 */
export async function changePassword(db: Database, input: { ownerId: string; currentPassword: string; newPassword: string; keepTokenHash: string }): Promise<void> {
  await authenticateOwner(db, { ownerId: input.ownerId }, input.currentPassword);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await updateMemberPassword(tx, input.ownerId, passwordHash);
    await deleteOwnerSessions(tx, input.ownerId, input.keepTokenHash);
  });
}
