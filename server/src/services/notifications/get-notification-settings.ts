import type { NotificationSettings } from '@reqio/shared';
import { isEmailEnabled, setEmailEnabled } from '../../storage/notifications/notification-queries.js';
import { loadProject } from '../projects/load-project.js';
import type { ServiceDeps } from '../service-deps.js';

/** Whether the project emails its voters and commenters, and whether the service can send email at all. */
export async function getNotificationSettings(deps: Pick<ServiceDeps, 'db' | 'keyRing' | 'mailer'>, projectId: string): Promise<NotificationSettings> {
  await loadProject(deps.keyRing, projectId);
  return { emailEnabled: await isEmailEnabled(deps.db, projectId), smtpConfigured: deps.mailer.configured };
}

/** Turns the project's emails on or off. */
export async function updateNotificationSettings(
  deps: Pick<ServiceDeps, 'db' | 'keyRing' | 'mailer'>,
  projectId: string,
  changes: { emailEnabled: boolean },
): Promise<NotificationSettings> {
  await loadProject(deps.keyRing, projectId);
  await setEmailEnabled(deps.db, projectId, changes.emailEnabled);
  return getNotificationSettings(deps, projectId);
}
