import { useEffect, useState } from 'preact/hooks';
import { adminPath, api, describeFailure } from '../api.js';
import type { ProjectPageProps } from '../project-page-props.js';
import { STATUS_LABELS, formatAgo, formatMoney, formatMonthly } from '../format.js';
import { Link } from '../router.js';
import type { AdminAccountDetail } from '../types.js';

/** One paying account (a company, or a user alone): what it pays, its people, and the requests they asked for. */
export function CustomerAccountPage({ project, accountId }: ProjectPageProps & { accountId: string }) {
  const [detail, setDetail] = useState<AdminAccountDetail | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api<AdminAccountDetail>('GET', adminPath(project.id, `/accounts/${encodeURIComponent(accountId)}`)).then(setDetail, (failure) => setError(describeFailure(failure)));
  }, [project.id, accountId]);

  const base = `/projects/${encodeURIComponent(project.id)}`;
  const back = (
    <Link to={`${base}/accounts`} class="small">
      ← Accounts
    </Link>
  );
  if (detail === null) return <div>{back}{error ? <p class="error">{error}</p> : <p class="muted">Loading…</p>}</div>;
  const { account, users, requests } = detail;
  return (
    <div>
      {back}
      <div class="page-head">
        <div>
          <h1 data-testid="account-title">{account.name ?? account.externalId}</h1>
          <p class="muted">
            {account.kind === 'company' ? 'Company' : 'User account'} · id {account.externalId}
            {account.plan ? ` · ${account.plan}` : ''}
          </p>
        </div>
      </div>
      <div class="stats">
        <div class="stat money">
          <b>{formatMonthly(account.monthlyAmount, project.currency)}</b>
          <span>
            {account.amount === null
              ? 'no amount sent'
              : `billed ${formatMoney(account.amount, account.currency ?? project.currency)} a ${account.interval ?? 'month'}`}
          </span>
        </div>
        <div class="stat">
          <b>{account.users}</b>
          <span>people</span>
        </div>
        <div class="stat">
          <b>{account.votes}</b>
          <span>votes</span>
        </div>
      </div>
      <div class="card">
        <h2>Requests they asked for</h2>
        {requests.length === 0 ? (
          <p class="muted">None yet.</p>
        ) : (
          <ul class="plain-list">
            {requests.map((request) => (
              <li>
                <Link to={`${base}/backlog/${encodeURIComponent(request.id)}`}>{request.title}</Link> <span class={`badge ${request.status}`}>{STATUS_LABELS[request.status]}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div class="card">
        <h2>People</h2>
        <table data-testid="account-users">
          <thead>
            <tr>
              <th>Person</th>
              <th class="num">Own amount</th>
              <th>Last seen</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr>
                <td data-label="Person">
                  <div>{user.email ?? user.name ?? user.id}</div>
                  <div class="muted small">id {user.id}</div>
                </td>
                <td data-label="Own amount" class="num muted">{formatMoney(user.monthlyAmount, project.currency)}</td>
                <td data-label="Last seen" class="muted">{formatAgo(user.lastSeenAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {account.kind === 'company' && <p class="muted small">A company's people weigh by the company's amount; their own amounts are kept and shown, and count for nothing.</p>}
      </div>
    </div>
  );
}
