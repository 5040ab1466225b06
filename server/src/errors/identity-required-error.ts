import { ApiError } from './api-error.js';

/** HTTP 403 `identity_required`. */
export class IdentityRequiredError extends ApiError {
  override readonly name = 'IdentityRequiredError';
  constructor(message: string) {
    super('identity_required', 403, message);
  }
}
