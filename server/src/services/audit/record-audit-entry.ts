import type { AuditAction, AuditActor } from '@reqio/shared';
import type { Queryable } from '../../storage/database.js';
import { insertAuditEntry } from '../../storage/audit/audit-queries.js';

/** What an audited action says about itself; `changes` holds plain values, never a secret. */
export interface AuditRecord {
  /** The project it concerns; null for the whole team (members, team settings). */
  projectId: string | null;
  actor: AuditActor;
  action: AuditAction;
  /** The id of what it was done to (an API key, a webhook, a member, a request, a user). */
  target?: string;
  changes?: Record<string, unknown>;
}

/**
 * Appends an entry to the audit log. Call it with the transaction that does the action,
 * so the entry exists exactly when the action happened.
 *
 * @example
 * await deps.db.transaction(async (tx) => {
 *   await mergeRequests(tx, …);
 *   await recordAuditEntry(tx, { projectId, actor, action: 'request.merged', target: sourceId, changes: { into: targetId } });
 * });
 */
export async function recordAuditEntry(tx: Queryable, record: AuditRecord): Promise<void> {
  await insertAuditEntry(tx, { ...record, at: new Date() });
}
