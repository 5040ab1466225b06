import type { AuditActor } from '@reqio/shared';
import { NotFoundError } from '../../errors/not-found-error.js';
import type { Database } from '../../storage/database.js';
import { revokeApiKey } from '../../storage/projects/api-key-queries.js';
import { recordAuditEntry } from '../audit/record-audit-entry.js';

/** Revokes a live API key of the project (404 when there is none by that id), with its audit entry. */
export async function revokeProjectApiKey(db: Database, projectId: string, keyId: string, actor: AuditActor): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await revokeApiKey(tx, projectId, keyId))) throw new NotFoundError('There is no such live API key in this project.');
    await recordAuditEntry(tx, { projectId, actor, action: 'api_key.revoked', target: keyId });
  });
}
