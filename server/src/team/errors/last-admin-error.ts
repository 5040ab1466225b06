import { ApiError } from '../../errors/api-error.js';

/** HTTP 409 `conflict`, reason `last_admin`: the team would be left without an admin. */
export class LastAdminError extends ApiError {
  override readonly name = 'LastAdminError';
  constructor(message = 'This is the team\'s last admin: make someone else an admin first.') {
    super('conflict', 409, message, { reason: 'last_admin' });
  }
}
