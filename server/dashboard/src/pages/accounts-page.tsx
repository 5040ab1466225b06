import { useEffect, useState } from 'preact/hooks';
import { adminPath, api, describeFailure } from '../api.js';
import type { ProjectPageProps } from '../project-page-props.js';
import { formatMoney, formatMonthly } from '../format.js';
import { Link, navigate } from '../router.js';
import type { AdminAccount, AdminAccountList } from '../types.js';

const PAGE = 50;
type Sort = 'revenue' | 'name';

/** The paying accounts (companies, and users alone), highest monthly revenue first, with their people and votes; searchable. */
export function AccountsPage({ project }: ProjectPageProps) {
  const [sort, setSort] = useState<Sort>('revenue');
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<AdminAccountList | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    let current = true;
    setError('');
    const query = new URLSearchParams({ sort, limit: String(PAGE), offset: String(offset), ...(search.trim() && { search: search.trim() }) });
    api<AdminAccountList>('GET', adminPath(project.id, `/accounts?${query}`)).then(
      (answer) => current && setPage(answer),
      (failure) => current && setError(describeFailure(failure)),
    );
    return () => void (current = false);
  }, [project.id, sort, search, offset]);

  const accountPath = (account: AdminAccount) => `/projects/${encodeURIComponent(project.id)}/accounts/${encodeURIComponent(account.id)}`;

  return (
    <div>
      <div class="page-head">
        <div>
          <h1>Accounts</h1>
          <p class="muted">
            Who pays: each company once, however many of its people vote, and each user without a company on their own. Amounts are monthly, in{' '}
            {project.currency}.
          </p>
        </div>
        <div class="spacer" />
        <div class="tabs" role="tablist" aria-label="Order accounts by">
          <button role="tab" aria-selected={sort === 'revenue'} onClick={() => (setSort('revenue'), setOffset(0))}>
            Monthly revenue
          </button>
          <button role="tab" aria-selected={sort === 'name'} onClick={() => (setSort('name'), setOffset(0))}>
            Name
          </button>
        </div>
      </div>
      <label class="field search">
        <span>Search</span>
        <input type="search" placeholder="Company name or id" value={search} onInput={(event) => (setSearch(event.currentTarget.value), setOffset(0))} data-testid="account-search" />
      </label>
      {error && <p class="error">{error}</p>}
      {page === null ? (
        !error && <p class="muted">Loading…</p>
      ) : page.accounts.length === 0 ? (
        <div class="card">
          <p class="muted">
            {search ? 'No account matches.' : 'No accounts yet. They appear when the widget identifies someone; send the company claim to group people by company.'}
          </p>
        </div>
      ) : (
        <div class="card">
          <table data-testid="accounts">
            <thead>
              <tr>
                <th>Account</th>
                <th>Plan</th>
                <th class="num">Monthly revenue</th>
                <th class="num">People</th>
                <th class="num">Votes</th>
              </tr>
            </thead>
            <tbody>
              {page.accounts.map((account) => (
                <tr class="clickable" data-account-id={account.id} onClick={(event) => !(event.target as Element).closest('a') && navigate(accountPath(account))}>
                  <td data-label="Account">
                    <Link to={accountPath(account)} class="account-name">
                      {account.name ?? account.externalId}
                    </Link>
                    <div class="muted small">
                      {account.kind === 'company' ? 'company' : 'user'} · id {account.externalId}
                    </div>
                  </td>
                  <td data-label="Plan">{account.plan ?? <span class="muted">–</span>}</td>
                  <td data-label="Monthly revenue" class="num" data-testid="account-revenue">
                    {formatMonthly(account.monthlyAmount, project.currency)}
                    {account.currency && account.currency !== project.currency && account.amount !== null && (
                      <div class="muted small">
                        billed {formatMoney(account.amount, account.currency)}/{account.interval === 'year' ? 'yr' : 'mo'}
                      </div>
                    )}
                  </td>
                  <td data-label="People" class="num">{account.users}</td>
                  <td data-label="Votes" class="num">{account.votes}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="row">
            <span class="muted small">
              {offset + 1}–{offset + page.accounts.length}
            </span>
            <span class="spacer" />
            <button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              Previous
            </button>
            <button disabled={page.nextOffset === null} onClick={() => page.nextOffset !== null && setOffset(page.nextOffset)}>
              Next
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
