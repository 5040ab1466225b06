import type { AdminUser } from '@reqio/shared';
import { NotFoundError } from '../../errors/not-found-error.js';
import { findUserByExternalId } from '../../storage/users/user-queries.js';
import type { ServiceDeps } from '../service-deps.js';
import { toAdminUser } from './to-admin-user.js';

/** One user by their id (the token's `sub`). */
export async function getUser(deps: Pick<ServiceDeps, 'db'>, projectId: string, userId: string): Promise<AdminUser> {
  const user = await findUserByExternalId(deps.db, projectId, userId);
  if (user === undefined) throw new NotFoundError('There is no such user in this project.');
  return toAdminUser(user);
}
