import { updateProjectBodySchema } from '@reqio/shared';
import type { z } from 'zod';
import { ValidationError } from '../../errors/validation-error.js';
import { announceChange } from '../../storage/change-feed.js';
import { updateProject, type ProjectRecord } from '../../storage/projects/project-queries.js';
import { loadProject } from './load-project.js';
import type { ServiceDeps } from '../service-deps.js';

/** Changes a project's settings (origins, extra audiences, leeway, identity requirement, name). */
export async function updateProjectSettings(
  deps: Pick<ServiceDeps, 'db' | 'keyRing'>,
  projectId: string,
  input: z.input<typeof updateProjectBodySchema>,
): Promise<ProjectRecord> {
  const parsed = updateProjectBodySchema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, 'body');
  await loadProject(deps.keyRing, projectId);
  const project = await deps.db.transaction(async (tx) => {
    const updated = (await updateProject(tx, projectId, parsed.data))!;
    await announceChange(tx, { type: 'project', projectId });
    return updated;
  });
  await deps.keyRing.refresh(projectId);
  return project;
}
