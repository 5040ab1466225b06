import type { AuditActor, InviteAnswer, MemberRole } from '@reqio/shared';
import { ConflictError } from '../errors/conflict-error.js';
import type { Database } from '../storage/database.js';
import { insertMemberLink, retireMemberLinks } from '../storage/team/member-link-queries.js';
import { findOwnerByEmail } from '../storage/team/owner-queries.js';
import { recordAuditEntry } from '../services/audit/record-audit-entry.js';
import { createLinkToken, memberLinkUrl } from './member-link-token.js';
import type { TeamMailer } from './team-mailer.js';

/** How long an invite link works: 7 days. */
export const INVITE_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Invites someone by email: a one-time link (7 days, single use; only its hash is kept)
 * that replaces any earlier invite to the same address, emailed when a mailer is set up.
 * The link is returned in every case, to copy. 409 `conflict` when the email already has
 * an account.
 */
export async function inviteMember(
  deps: { db: Database; publicUrl: string; mailer?: TeamMailer | undefined },
  input: { email: string; role: MemberRole },
  actor: AuditActor,
): Promise<InviteAnswer> {
  const { token, tokenHash } = createLinkToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + INVITE_TTL_SECONDS * 1000);
  await deps.db.transaction(async (tx) => {
    if ((await findOwnerByEmail(tx, input.email)) !== undefined) throw new ConflictError(`${input.email} is already a member of the team.`);
    await retireMemberLinks(tx, 'invite', input.email, now);
    await insertMemberLink(tx, { tokenHash, purpose: 'invite', email: input.email, role: input.role, createdBy: actor.id ?? 'cli', createdAt: now, expiresAt });
    await recordAuditEntry(tx, { projectId: null, actor, action: 'member.invited', target: input.email, changes: { email: input.email, role: input.role } });
  });
  const link = memberLinkUrl(deps.publicUrl, 'invite', token);
  let emailed = false;
  if (deps.mailer !== undefined) {
    await deps.mailer.sendInvite({ to: input.email, link, role: input.role, invitedBy: actor.kind === 'member' ? (actor.name ?? null) : null, expiresAt });
    emailed = true;
  }
  return { link, expiresAt: expiresAt.toISOString(), emailed };
}
