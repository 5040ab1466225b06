import type { Queryable } from '../../storage/database.js';
import type { RequestRecord } from '../../storage/requests/request-queries.js';

/** A change a request's voters and commenters hear about: a new status, or a team reply. */
export interface RequestChange {
  /** The change's id: with a recipient, it makes the email's Message-ID. */
  id: string;
  projectId: string;
  request: RequestRecord;
  kind: 'status' | 'reply';
  /** The new status (`status` changes). */
  status?: string | undefined;
  /** The reply's text (`reply` changes). */
  replyBody?: string | undefined;
}

/**
 * Where services report changes people are told about. `notify` runs inside the transaction
 * that made the change, so what it queues (emails) commits or rolls back with it.
 */
export interface ChangeNotifier {
  notify(tx: Queryable, change: RequestChange): Promise<void>;
}

/** A notifier that tells nobody (no SMTP configured). */
export const silentNotifier: ChangeNotifier = { notify: async () => {} };
