import type { AdminProject } from './types.js';

/** What a project's pages receive from the shell. */
export interface ProjectPageProps {
  project: AdminProject;
  reloadProjects: () => Promise<void>;
}
