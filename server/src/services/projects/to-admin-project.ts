import type { AdminProjectSettings } from '@reqio/shared';
import { projectAudience } from '../../config/load-config.js';
import type { ProjectRecord } from '../../storage/projects/project-queries.js';

/** A project's settings as the admin API shows them. */
export type AdminProject = AdminProjectSettings;

export const toAdminProject = (project: ProjectRecord, publicUrl: string): AdminProject => ({
  id: project.id,
  name: project.name,
  audience: projectAudience(publicUrl, project.id),
  allowedOrigins: project.allowedOrigins,
  extraAudiences: project.extraAudiences,
  leewaySeconds: project.leewaySeconds,
  requireIdentity: project.requireIdentity,
  createdAt: project.createdAt,
  updatedAt: project.updatedAt,
});
