import type { AdminAccountList } from '@reqio/shared';
import { listAccounts as storeListAccounts, type AccountSort } from '../../storage/accounts/account-queries.js';
import type { ServiceDeps } from '../service-deps.js';
import { toAdminAccount } from './to-admin-account.js';

/** A page of a project's accounts, highest monthly amount first (or by name), optionally searched by name or id. */
export async function listAccounts(
  deps: Pick<ServiceDeps, 'db'>,
  projectId: string,
  options: { sort: AccountSort; limit: number; offset: number; search?: string | undefined },
): Promise<AdminAccountList> {
  const rows = await storeListAccounts(deps.db, projectId, { ...options, limit: options.limit + 1 });
  return {
    accounts: rows.slice(0, options.limit).map(toAdminAccount),
    nextOffset: rows.length > options.limit ? options.offset + options.limit : null,
  };
}
