import { ReqioApiError } from './reqio-api-error.js';

/** No answer came: `network_error` (refused, reset, DNS) or `timeout`. */
export class ReqioNetworkError extends ReqioApiError {
  override readonly name = 'ReqioNetworkError';
}
