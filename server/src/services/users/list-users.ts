import type { AdminUser } from '@reqio/shared';
import { countUsers, listUsers as storeListUsers } from '../../storage/users/user-queries.js';
import type { ServiceDeps } from '../service-deps.js';
import { toAdminUser } from './to-admin-user.js';

/** A project's identified users, highest monthly amount first, with the total count. */
export async function listUsers(deps: Pick<ServiceDeps, 'db'>, projectId: string, page: { limit: number; offset: number }): Promise<{ users: AdminUser[]; total: number }> {
  const [users, total] = await Promise.all([storeListUsers(deps.db, projectId, page), countUsers(deps.db, projectId)]);
  return { users: users.map(toAdminUser), total };
}
