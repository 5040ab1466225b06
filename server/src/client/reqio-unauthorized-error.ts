import { ReqioApiError } from './reqio-api-error.js';

/** HTTP 401 `unauthorized`: the API key is missing, revoked, or never existed. */
export class ReqioUnauthorizedError extends ReqioApiError {
  override readonly name = 'ReqioUnauthorizedError';
}
