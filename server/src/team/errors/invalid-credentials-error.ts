import { ApiError } from '../../errors/api-error.js';

/** HTTP 401 `unauthorized`, reason `credentials_invalid`: a wrong email or password. */
export class InvalidCredentialsError extends ApiError {
  override readonly name = 'InvalidCredentialsError';
  constructor(message = 'The email or password is not right.') {
    super('unauthorized', 401, message, { reason: 'credentials_invalid' });
  }
}
