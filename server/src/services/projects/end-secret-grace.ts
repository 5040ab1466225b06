import type { AuditActor } from '@reqio/shared';
import { recordAuditEntry } from '../audit/record-audit-entry.js';
import { announceChange } from '../../storage/change-feed.js';
import { bumpSessionEpoch } from '../../storage/projects/project-queries.js';
import { retirePreviousSecret } from '../../storage/projects/secret-queries.js';
import { loadProject } from './load-project.js';
import type { ServiceDeps } from '../service-deps.js';

/** Stops the previous secret now and ends every widget session; returns whether one was still in grace. */
export async function endSecretGrace(deps: Pick<ServiceDeps, 'db' | 'keyRing'>, projectId: string, actor: AuditActor): Promise<boolean> {
  await loadProject(deps.keyRing, projectId);
  const ended = await deps.db.transaction(async (tx) => {
    const retired = await retirePreviousSecret(tx, projectId);
    if (retired) {
      await bumpSessionEpoch(tx, projectId);
      await recordAuditEntry(tx, { projectId, actor, action: 'secret.grace_ended' });
      await announceChange(tx, { type: 'project', projectId });
    }
    return retired;
  });
  await deps.keyRing.refresh(projectId);
  return ended;
}
