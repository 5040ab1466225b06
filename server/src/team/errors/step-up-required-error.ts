import { ApiError } from '../../errors/api-error.js';

/** HTTP 403 `forbidden`, reason `step_up_required`: enter the password (and code) again first (`POST /dashboard/api/step-up`). */
export class StepUpRequiredError extends ApiError {
  override readonly name = 'StepUpRequiredError';
  constructor(message = 'Enter your password again (and your two-factor code when it is on) to do this.') {
    super('forbidden', 403, message, { reason: 'step_up_required' });
  }
}
