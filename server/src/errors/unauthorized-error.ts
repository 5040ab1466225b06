import { ApiError } from './api-error.js';

/** HTTP 401 `unauthorized`. */
export class UnauthorizedError extends ApiError {
  override readonly name = 'UnauthorizedError';
  constructor(message: string) {
    super('unauthorized', 401, message);
  }
}
