import { ApiError } from './api-error.js';

/** HTTP 401 `session_expired`: the widget should renew its session and retry. */
export class SessionExpiredError extends ApiError {
  override readonly name = 'SessionExpiredError';
  constructor(message = 'The session has ended; identify again or start a new session.') {
    super('session_expired', 401, message);
  }
}
