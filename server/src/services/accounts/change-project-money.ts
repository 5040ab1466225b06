import { convertToProjectCurrency, type ProjectMoney } from '@reqio/shared';
import { lockAccountsInCurrencies } from '../../storage/accounts/account-queries.js';
import { reweighAccounts } from '../../storage/accounts/account-totals-queries.js';
import type { Queryable } from '../../storage/database.js';
import { lockProjectMoneyForUpdate, setProjectMoney } from '../../storage/projects/project-queries.js';
import { lockUsersInCurrencies, setUserMonthlyAmounts } from '../../storage/users/user-queries.js';

/** The currencies whose amounts a change of money settings re-weighs: 'all' when the base changes. */
function changedCurrencies(before: ProjectMoney, after: ProjectMoney): string[] | 'all' {
  if (before.currency !== after.currency) return 'all';
  const codes = new Set([...Object.keys(before.exchangeRates), ...Object.keys(after.exchangeRates)]);
  return [...codes].filter((code) => before.exchangeRates[code] !== after.exchangeRates[code]);
}

/**
 * Sets a project's currency and exchange rates and re-weighs at once every account and user
 * whose amount is in a currency whose rate changed (every one with a currency of its own
 * when the base currency changes), moving the differences through the request totals.
 * Locks in the service-wide order: the project, users, accounts, requests.
 */
export async function changeProjectMoney(tx: Queryable, projectId: string, change: Partial<ProjectMoney>): Promise<ProjectMoney | undefined> {
  const before = await lockProjectMoneyForUpdate(tx, projectId);
  if (before === undefined) return undefined;
  const after: ProjectMoney = { currency: change.currency ?? before.currency, exchangeRates: change.exchangeRates ?? before.exchangeRates };
  await setProjectMoney(tx, projectId, after);
  const currencies = changedCurrencies(before, after);
  if (currencies !== 'all' && currencies.length === 0) return after;

  const users = await lockUsersInCurrencies(tx, projectId, currencies);
  await setUserMonthlyAmounts(tx, users.map((user) => ({ userId: user.id, monthlyAmount: convertToProjectCurrency(user.monthlyMinor, user.currency, after).amount })));
  const accounts = await lockAccountsInCurrencies(tx, projectId, currencies);
  const amounts = accounts
    .map((account) => ({ accountId: account.id, before: account.monthlyAmount, monthlyAmount: convertToProjectCurrency(account.monthlyMinor, account.currency, after).amount }))
    .filter((account) => account.monthlyAmount !== account.before);
  if (amounts.length === 0) return after;
  // One statement: the accounts' new amounts, and the per-request sums of the differences
  // through the requests they voted for (locked in id order).
  await reweighAccounts(tx, amounts);
  return after;
}
