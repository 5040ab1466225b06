import type { AdminProject, MemberRole } from './types.js';

/** What a project's pages receive from the shell. */
export interface ProjectPageProps {
  project: AdminProject;
  reloadProjects: () => Promise<void>;
  /** The signed-in account's role: a page hides what the role may not do. */
  role: MemberRole;
}
