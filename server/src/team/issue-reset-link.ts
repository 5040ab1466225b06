import { NotFoundError } from '../errors/not-found-error.js';
import type { Database } from '../storage/database.js';
import { insertMemberLink, retireMemberLinks } from '../storage/team/member-link-queries.js';
import { findOwnerByEmail } from '../storage/team/owner-queries.js';
import { createLinkToken, memberLinkUrl } from './member-link-token.js';

/** How long a password-reset link works: 60 minutes. */
export const RESET_TTL_SECONDS = 60 * 60;

/**
 * A one-time link (60 minutes) where the account with this email chooses a new password;
 * it replaces any earlier reset link of that account. 404 when no account has the email.
 * For the person with access to the server (`reqio member reset-link`), never the web.
 */
export async function issueResetLink(deps: { db: Database; publicUrl: string }, email: string): Promise<{ link: string; expiresAt: Date }> {
  const { token, tokenHash } = createLinkToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + RESET_TTL_SECONDS * 1000);
  await deps.db.transaction(async (tx) => {
    const owner = await findOwnerByEmail(tx, email);
    if (owner === undefined) throw new NotFoundError(`No account of the team has the email ${email}.`);
    await retireMemberLinks(tx, 'reset', email, now);
    await insertMemberLink(tx, { tokenHash, purpose: 'reset', email, ownerId: owner.id, createdBy: 'cli', createdAt: now, expiresAt });
  });
  return { link: memberLinkUrl(deps.publicUrl, 'reset-password', token), expiresAt };
}
