import { ApiError } from '../../errors/api-error.js';

/** HTTP 403 `forbidden`, reason `setup_link_invalid`: the first-run link is used, expired or never existed. */
export class SetupLinkError extends ApiError {
  override readonly name = 'SetupLinkError';
  constructor(
    message = 'This set-up link is used, expired or wrong. Restart the service (npm start) to print a new one, or sign in if the owner exists.',
  ) {
    super('forbidden', 403, message, { reason: 'setup_link_invalid' });
  }
}
