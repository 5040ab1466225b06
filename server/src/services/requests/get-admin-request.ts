import type { AdminRequestDetail, AdminVoter } from '@reqio/shared';
import { NotFoundError } from '../../errors/not-found-error.js';
import { findAccountSummaries } from '../../storage/accounts/account-queries.js';
import { toAdminAccount } from '../accounts/to-admin-account.js';
import { findRequestWithAuthor } from '../../storage/requests/request-queries.js';
import { countAnonymousVotes, listVoters } from '../../storage/votes/vote-queries.js';
import type { ServiceDeps } from '../service-deps.js';
import { toAdminRequest } from './to-admin-request.js';

/** One request with who asked for it, grouped by account (highest paying first): why it ranks where it does. */
export async function getAdminRequest(deps: Pick<ServiceDeps, 'db'>, projectId: string, requestId: string): Promise<AdminRequestDetail> {
  const request = await findRequestWithAuthor(deps.db, projectId, requestId);
  if (request === undefined) throw new NotFoundError('There is no such request in this project.');
  const [voters, anonymousVotes] = await Promise.all([listVoters(deps.db, requestId, { limit: 500 }), countAnonymousVotes(deps.db, requestId)]);
  const byAccount = new Map<string, AdminVoter[]>();
  const adminVoters = voters.map(({ externalId, accountId, ...voter }) => {
    const adminVoter = { id: externalId, ...voter };
    if (accountId !== null) byAccount.set(accountId, [...(byAccount.get(accountId) ?? []), adminVoter]);
    return adminVoter;
  });
  const accounts = await findAccountSummaries(deps.db, [...byAccount.keys()]);
  return {
    request: toAdminRequest(request),
    voters: adminVoters,
    accounts: accounts.map((account) => ({ account: toAdminAccount(account), users: byAccount.get(account.id)! })),
    anonymousVotes,
  };
}
