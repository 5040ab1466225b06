import { ApiError } from '../../errors/api-error.js';

/** HTTP 403 `forbidden`, reason `csrf_token_invalid`: a change without the dashboard's CSRF token (or from another origin). */
export class CsrfTokenError extends ApiError {
  override readonly name = 'CsrfTokenError';
  constructor(message = 'This change lacks a valid CSRF token (x-reqio-csrf); reload the dashboard and try again.') {
    super('forbidden', 403, message, { reason: 'csrf_token_invalid' });
  }
}
