import { recordAuditEntry } from '../audit/record-audit-entry.js';
import { updateProjectBodySchema, type AuditActor } from '@reqio/shared';
import type { z } from 'zod';
import { ValidationError } from '../../errors/validation-error.js';
import { announceChange } from '../../storage/change-feed.js';
import { updateProject, type ProjectRecord } from '../../storage/projects/project-queries.js';
import { changeProjectMoney } from '../accounts/change-project-money.js';
import { loadProject } from './load-project.js';
import type { ServiceDeps } from '../service-deps.js';

/**
 * Changes a project's settings (origins, extra audiences, leeway, identity requirement,
 * name, currency and exchange rates: a money change re-weighs the accounts at once).
 */
export async function updateProjectSettings(
  deps: Pick<ServiceDeps, 'db' | 'keyRing'>,
  projectId: string,
  input: z.input<typeof updateProjectBodySchema>,
  actor: AuditActor,
): Promise<ProjectRecord> {
  const parsed = updateProjectBodySchema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, 'body');
  await loadProject(deps.keyRing, projectId);
  const { currency, exchangeRates, ...settings } = parsed.data;
  const project = await deps.db.transaction(async (tx) => {
    if (currency !== undefined || exchangeRates !== undefined) {
      await changeProjectMoney(tx, projectId, { ...(currency !== undefined && { currency }), ...(exchangeRates !== undefined && { exchangeRates }) });
    }
    const updated = (await updateProject(tx, projectId, settings))!;
    // Settings hold no secret: the new values are the record of what changed.
    await recordAuditEntry(tx, { projectId, actor, action: 'project.updated', changes: { ...parsed.data } });
    await announceChange(tx, { type: 'project', projectId });
    return updated;
  });
  await deps.keyRing.refresh(projectId);
  return project;
}
