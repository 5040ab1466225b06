import type { AdminAccount } from '@reqio/shared';
import type { AccountSummary } from '../../storage/accounts/account-queries.js';

/** An account as the product team sees it. */
export const toAdminAccount = (account: AccountSummary): AdminAccount => ({
  id: account.id,
  kind: account.kind,
  externalId: account.externalId,
  name: account.name,
  plan: account.plan,
  amount: account.amount,
  interval: account.interval,
  currency: account.currency,
  monthlyAmount: account.monthlyAmount,
  users: account.users,
  votes: account.votes,
});
