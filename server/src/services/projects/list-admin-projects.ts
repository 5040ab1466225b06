import { listProjects } from '../../storage/projects/project-queries.js';
import type { ServiceDeps } from '../service-deps.js';
import { toAdminProject, type AdminProject } from './to-admin-project.js';

/** Every project of this installation, oldest first, as the admin API shows them. */
export async function listAdminProjects(deps: Pick<ServiceDeps, 'db'>, publicUrl: string): Promise<AdminProject[]> {
  return (await listProjects(deps.db)).map((project) => toAdminProject(project, publicUrl));
}
