import { recordAuditEntry } from '../audit/record-audit-entry.js';
import type { AuditActor, RotateSecretResponse } from '@reqio/shared';
import { generateIdentitySecret, randomId } from '../../lib/random-id.js';
import { announceChange } from '../../storage/change-feed.js';
import { bumpSessionEpoch } from '../../storage/projects/project-queries.js';
import { demoteCurrentSecret, insertCurrentSecret } from '../../storage/projects/secret-queries.js';
import { loadProject } from './load-project.js';
import type { ServiceDeps } from '../service-deps.js';

/**
 * Generates a new identity secret. The previous one keeps verifying for `gracePeriodSeconds`
 * (so servers can be redeployed with the new one); with 0 it stops at once and every
 * widget session of the project ends too (the response to a leaked secret).
 */
export async function rotateSecret(
  deps: Pick<ServiceDeps, 'db' | 'cipher' | 'keyRing'>,
  projectId: string,
  gracePeriodSeconds: number,
  actor: AuditActor,
): Promise<RotateSecretResponse> {
  await loadProject(deps.keyRing, projectId);
  const secret = generateIdentitySecret();
  const previousValidUntil = gracePeriodSeconds > 0 ? new Date(Date.now() + gracePeriodSeconds * 1000) : null;
  await deps.db.transaction(async (tx) => {
    await demoteCurrentSecret(tx, projectId, previousValidUntil);
    await insertCurrentSecret(tx, { id: randomId('sec'), projectId, encryptedSecret: deps.cipher.encrypt(secret, projectId) });
    if (previousValidUntil === null) await bumpSessionEpoch(tx, projectId);
    await recordAuditEntry(tx, { projectId, actor, action: 'secret.rotated', changes: { gracePeriodSeconds, previousValidUntil: previousValidUntil?.toISOString() ?? null } });
    await announceChange(tx, { type: 'project', projectId });
  });
  await deps.keyRing.refresh(projectId);
  return { secret, previousValidUntil: previousValidUntil?.toISOString() ?? null };
}
