import { ValidationError } from '../../errors/validation-error.js';
import { insertUnsubscribe } from '../../storage/notifications/notification-queries.js';
import type { ServiceDeps } from '../service-deps.js';

/** Reads an unsubscribe link's token: its project and address, or 400 `validation_failed` when it was tampered with. */
export function readUnsubscribeToken(deps: Pick<ServiceDeps, 'unsubscribeTokens'>, token: string): { projectId: string; email: string } {
  const subject = deps.unsubscribeTokens.verify(token);
  if (subject === undefined) throw new ValidationError('This unsubscribe link is not valid: it may have been cut short or changed.', { token: 'is not a valid unsubscribe token' });
  return subject;
}

/** Stops the project's emails to the link's address (RFC 8058 one-click: no session needed). */
export async function unsubscribe(deps: Pick<ServiceDeps, 'db' | 'unsubscribeTokens'>, token: string): Promise<{ projectId: string; email: string }> {
  const subject = readUnsubscribeToken(deps, token);
  await insertUnsubscribe(deps.db, subject.projectId, subject.email);
  return subject;
}
