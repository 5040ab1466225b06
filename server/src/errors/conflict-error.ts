import { ApiError } from './api-error.js';

/** HTTP 409 `conflict`. */
export class ConflictError extends ApiError {
  override readonly name = 'ConflictError';
  constructor(message: string) {
    super('conflict', 409, message);
  }
}
