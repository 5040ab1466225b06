import type { AuditActor } from '@reqio/shared';
import { recordAuditEntry } from '../audit/record-audit-entry.js';
import { listActiveSecrets } from '../../storage/projects/secret-queries.js';
import { loadProject } from './load-project.js';
import type { ServiceDeps } from '../service-deps.js';

/**
 * The project's current identity secret, decrypted from the store, and an audit entry
 * saying who saw it (written in the same transaction: no entry, no secret). Only for an
 * admin who has just re-entered their password: the caller checks that first.
 */
export async function revealSecret(deps: Pick<ServiceDeps, 'db' | 'cipher' | 'keyRing'>, projectId: string, actor: AuditActor): Promise<string> {
  await loadProject(deps.keyRing, projectId);
  return deps.db.transaction(async (tx) => {
    const current = (await listActiveSecrets(tx, projectId)).find((secret) => secret.state === 'current');
    // Every project is created with a secret and rotation replaces it in one transaction.
    if (current === undefined) throw new Error(`Project ${projectId} has no current secret.`);
    await recordAuditEntry(tx, { projectId, actor, action: 'secret.revealed' });
    return deps.cipher.decrypt(current.encryptedSecret, projectId);
  });
}
