import { ApiError } from './api-error.js';

/** HTTP 404 `not_found`. */
export class NotFoundError extends ApiError {
  override readonly name = 'NotFoundError';
  constructor(message: string) {
    super('not_found', 404, message);
  }
}
