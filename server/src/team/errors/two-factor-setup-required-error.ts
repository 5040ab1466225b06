import { ApiError } from '../../errors/api-error.js';

/** HTTP 403 `forbidden`, reason `two_factor_setup_required`: the team requires two-factor sign-in; set it up first. */
export class TwoFactorSetupRequiredError extends ApiError {
  override readonly name = 'TwoFactorSetupRequiredError';
  constructor(message = 'Your team requires two-factor sign-in: set it up on your account page first.') {
    super('forbidden', 403, message, { reason: 'two_factor_setup_required' });
  }
}
