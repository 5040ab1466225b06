import { ApiError } from './api-error.js';

/** HTTP 403 `forbidden`. */
export class ForbiddenError extends ApiError {
  override readonly name = 'ForbiddenError';
  constructor(message: string) {
    super('forbidden', 403, message);
  }
}
