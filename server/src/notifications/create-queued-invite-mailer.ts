import { createHash } from 'node:crypto';
import type { TeamMailer } from '../team/team-mailer.js';
import { randomId } from '../lib/random-id.js';
import type { Queryable } from '../storage/database.js';
import { insertEmails } from '../storage/notifications/email-outbox-queries.js';
import { renderInviteEmail } from './create-mailer.js';

/**
 * The team's mailer (`installDashboard(deps, { mailer })`): an invitation goes into the
 * durable email outbox, so an SMTP hiccup neither fails the invite nor loses the email; the
 * email worker sends it, retried with backoff, once (its Message-ID comes from the link).
 */
export function createQueuedInviteMailer(deps: { db: Queryable; publicUrl: string }): TeamMailer {
  return {
    async sendInvite(invite) {
      const key = createHash('sha256').update(invite.link).digest('base64url').slice(0, 22);
      await insertEmails(deps.db, [
        {
          id: randomId('eml'),
          projectId: null,
          changeKey: `invite:${key}`,
          recipient: invite.to,
          messageId: `<invite.${key}@${new URL(deps.publicUrl).hostname}>`,
          unsubscribeUrl: null,
          ...renderInviteEmail(invite),
        },
      ]);
    },
  };
}
