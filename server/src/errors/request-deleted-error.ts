import { ApiError } from './api-error.js';

/** HTTP 409 `request_deleted`: the request existed and was deleted. */
export class RequestDeletedError extends ApiError {
  override readonly name = 'RequestDeletedError';
  constructor(message = 'This request was deleted.') {
    super('request_deleted', 409, message);
  }
}
