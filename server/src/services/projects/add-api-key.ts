import type { AuditActor } from '@reqio/shared';
import type { Database } from '../../storage/database.js';
import type { ApiKeyRecord } from '../../storage/projects/api-key-queries.js';
import { recordAuditEntry } from '../audit/record-audit-entry.js';
import { createApiKey } from './create-api-key.js';

/** Creates an API key on an admin's request, with its audit entry (its name and first characters, never the key). */
export async function addApiKey(db: Database, projectId: string, name: string, actor: AuditActor): Promise<{ apiKey: string; key: ApiKeyRecord }> {
  return db.transaction(async (tx) => {
    const created = await createApiKey(tx, projectId, name);
    await recordAuditEntry(tx, { projectId, actor, action: 'api_key.created', target: created.key.id, changes: { name, prefix: created.key.prefix } });
    return created;
  });
}
