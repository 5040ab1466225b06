import { ApiError } from './api-error.js';

/** HTTP 404 `project_not_found`: no project has this id. */
export class ProjectNotFoundError extends ApiError {
  override readonly name = 'ProjectNotFoundError';
  constructor(projectId: string) {
    super('project_not_found', 404, `No project has the id "${projectId.slice(0, 64)}".`);
  }
}
