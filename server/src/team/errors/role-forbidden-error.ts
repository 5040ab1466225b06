import { ApiError } from '../../errors/api-error.js';

/** HTTP 403 `forbidden`, reason `role_forbidden`: a member called a route for admins. */
export class RoleForbiddenError extends ApiError {
  override readonly name = 'RoleForbiddenError';
  constructor(message = 'Only an admin of the team can do this; ask one of them.') {
    super('forbidden', 403, message, { reason: 'role_forbidden' });
  }
}
