import type { ProjectEntry, ProjectKeyRing } from '../../identity/project-key-ring.js';
import { ProjectNotFoundError } from '../../errors/project-not-found-error.js';

/** The project's cached entry, or a 404 `project_not_found`. */
export async function loadProject(keyRing: ProjectKeyRing, projectId: string): Promise<ProjectEntry> {
  const entry = await keyRing.get(projectId);
  if (entry === undefined) throw new ProjectNotFoundError(projectId);
  return entry;
}
