import { ConflictError } from '../../errors/conflict-error.js';
import { simpleHtml } from '../../notifications/create-mailer.js';
import { loadProject } from '../projects/load-project.js';
import type { ServiceDeps } from '../service-deps.js';

/**
 * Sends a test email now, not through the outbox, so the team sees at once whether SMTP
 * works: `{ delivered: true }`, or `{ delivered: false, error }` with the server's answer.
 * 409 `conflict` when SMTP_URL is not set.
 */
export async function sendTestEmail(
  deps: Pick<ServiceDeps, 'keyRing' | 'mailer'>,
  projectId: string,
  to: string,
): Promise<{ delivered: boolean; error?: string }> {
  const { project } = await loadProject(deps.keyRing, projectId);
  if (!deps.mailer.configured) throw new ConflictError('Email is not set up: start the service with SMTP_URL (and MAIL_FROM) to send email.');
  const line = `This is a test email from Reqio for ${project.name}. Voters and commenters get emails like it when a request changes status or the team replies.`;
  try {
    await deps.mailer.send({ to, subject: `Reqio test email for ${project.name}`, text: `${line}\n`, html: simpleHtml([line]) });
    return { delivered: true };
  } catch (error) {
    return { delivered: false, error: (error as Error).message };
  }
}
