import { ApiError } from '../../errors/api-error.js';

/** HTTP 401 `unauthorized`, reason `two_factor_code_invalid`: a wrong, used or replayed two-factor code. */
export class TwoFactorCodeError extends ApiError {
  override readonly name = 'TwoFactorCodeError';
  constructor(message = 'The code is not right, or was used already: wait for the next one, or use a recovery code.') {
    super('unauthorized', 401, message, { reason: 'two_factor_code_invalid' });
  }
}
