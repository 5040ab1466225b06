import { updateProjectBodySchema } from '@reqio/shared';
import type { z } from 'zod';
import { ValidationError } from '../../errors/validation-error.js';
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
): Promise<ProjectRecord> {
  const parsed = updateProjectBodySchema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, 'body');
  await loadProject(deps.keyRing, projectId);
  const { currency, exchangeRates, ...settings } = parsed.data;
  const project = await deps.db.transaction(async (tx) => {
    if (currency !== undefined || exchangeRates !== undefined) {
      await changeProjectMoney(tx, projectId, { ...(currency !== undefined && { currency }), ...(exchangeRates !== undefined && { exchangeRates }) });
    }
    return (await updateProject(tx, projectId, settings))!;
  });
  await deps.keyRing.refresh(projectId);
  return project;
}
