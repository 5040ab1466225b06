import type { CompanySummary } from '@reqio/shared';
import type { AccountRecord } from '../../storage/accounts/account-queries.js';

/** The company a user's votes count for, as identify answers it (CONTRACT §6). */
export const toCompanySummary = (account: AccountRecord): CompanySummary => ({
  id: account.externalId,
  name: account.name,
  plan: account.plan,
  monthlyAmount: account.monthlyAmount,
});
