import { ReqioApiError } from './reqio-api-error.js';

/** HTTP 404: no such request, user, webhook or delivery (`not_found`), or no such project (`project_not_found`). */
export class ReqioNotFoundError extends ReqioApiError {
  override readonly name = 'ReqioNotFoundError';
}
