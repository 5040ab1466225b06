import type { AdminAccountDetail } from '@reqio/shared';
import { NotFoundError } from '../../errors/not-found-error.js';
import { findAccountSummary, listAccountRequests } from '../../storage/accounts/account-queries.js';
import { listAccountUsers } from '../../storage/users/user-queries.js';
import type { ServiceDeps } from '../service-deps.js';
import { toAdminUser } from '../users/to-admin-user.js';
import { toAdminAccount } from './to-admin-account.js';

/** One account with its users and the requests they voted for. */
export async function getAccount(deps: Pick<ServiceDeps, 'db'>, projectId: string, accountId: string): Promise<AdminAccountDetail> {
  const account = await findAccountSummary(deps.db, projectId, accountId);
  if (account === undefined) throw new NotFoundError('There is no such account in this project.');
  const [users, requests] = await Promise.all([listAccountUsers(deps.db, accountId, { limit: 500 }), listAccountRequests(deps.db, accountId, { limit: 500 })]);
  return {
    account: toAdminAccount(account),
    users: users.map(toAdminUser),
    requests: requests.map(({ id, title, status }) => ({ id, title, status })),
  };
}
