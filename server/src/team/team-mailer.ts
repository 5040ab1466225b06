import type { MemberRole } from '@reqio/shared';

/** An invite to email: the link is the one shown to the admin, valid until `expiresAt`. */
export interface InviteMessage {
  to: string;
  link: string;
  role: MemberRole;
  /** Who invited them (their email), or null from the command line. */
  invitedBy: string | null;
  expiresAt: Date;
}

/**
 * How the team's emails leave (SMTP when `SMTP_URL` is set). Optional: without one, the
 * dashboard shows the invite link to copy, which it does in any case.
 */
export interface TeamMailer {
  sendInvite(message: InviteMessage): Promise<void>;
}
