import { createHash } from 'node:crypto';
import type { ProjectKeyRing } from '../identity/project-key-ring.js';
import { randomId } from '../lib/random-id.js';
import { loadProject } from '../services/projects/load-project.js';
import type { ChangeNotifier } from '../services/notifications/change-notifier.js';
import { insertEmails } from '../storage/notifications/email-outbox-queries.js';
import { isEmailEnabled, listChangeRecipients } from '../storage/notifications/notification-queries.js';
import { renderChangeEmail } from './render-change-email.js';
import type { UnsubscribeTokens } from './unsubscribe-tokens.js';

/** The Message-ID of the email about one change to one recipient: the same on every retry. */
export function changeMessageId(changeId: string, recipient: string, publicUrl: string): string {
  const who = createHash('sha256').update(recipient.toLowerCase()).digest('base64url').slice(0, 16);
  return `<${changeId}.${who}@${new URL(publicUrl).hostname}>`;
}

/** Where an email's link leads: the first page the widget is allowed on, opening the request, else the service. */
export function requestLink(allowedOrigins: string[], publicUrl: string, requestId: string): string {
  return `${allowedOrigins[0] ?? publicUrl}/#reqio-request=${encodeURIComponent(requestId)}`;
}

/**
 * The notifier that emails: in the transaction of a status change or a team reply, it
 * queues one email per identified voter or commenter with an address (unless the project
 * turned email off or they unsubscribed) in the durable outbox, which the email worker sends.
 */
export function createEmailNotifier(deps: { keyRing: ProjectKeyRing; tokens: UnsubscribeTokens; publicUrl: string }): ChangeNotifier {
  return {
    async notify(tx, change) {
      if (!(await isEmailEnabled(tx, change.projectId))) return;
      const recipients = await listChangeRecipients(tx, change.projectId, change.request.id);
      if (recipients.length === 0) return;
      const { project } = await loadProject(deps.keyRing, change.projectId);
      const link = requestLink(project.allowedOrigins, deps.publicUrl, change.request.id);
      await insertEmails(
        tx,
        recipients.map((recipient) => {
          const unsubscribeUrl = `${deps.publicUrl}/v1/unsubscribe/${deps.tokens.sign({ projectId: change.projectId, email: recipient })}`;
          return {
            id: randomId('eml'),
            projectId: change.projectId,
            changeKey: change.id,
            recipient,
            messageId: changeMessageId(change.id, recipient, deps.publicUrl),
            unsubscribeUrl,
            ...renderChangeEmail({ change, projectName: project.name, link, unsubscribeUrl }),
          };
        }),
      );
    },
  };
}
