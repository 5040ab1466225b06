import { useEffect, useState } from 'preact/hooks';
import { adminPath, api, describeFailure } from '../api.js';
import type { ProjectPageProps } from '../project-page-props.js';
import { SETTABLE_STATUS_LABELS, STATUS_LABELS, formatAgo, formatMoney, formatMonthly } from '../format.js';
import { Link } from '../router.js';
import type { AdminRequest, AdminRequestDetail, RequestStatus } from '../types.js';

/** One request and who asked for it, grouped by paying account, highest paying first: why it ranks where it does. */
export function RequestPage({ project, requestId }: ProjectPageProps & { requestId: string }) {
  const [detail, setDetail] = useState<AdminRequestDetail | null>(null);
  const [error, setError] = useState('');
  const [saved, setSaved] = useState('');

  useEffect(() => {
    api<AdminRequestDetail>('GET', adminPath(project.id, `/requests/${encodeURIComponent(requestId)}`)).then(setDetail, (failure) =>
      setError(describeFailure(failure)),
    );
  }, [project.id, requestId]);

  const changeStatus = async (status: RequestStatus) => {
    setSaved('');
    setError('');
    try {
      const answer = await api<{ request: AdminRequest }>('PATCH', adminPath(project.id, `/requests/${encodeURIComponent(requestId)}`), { status });
      setDetail((current) => current && { ...current, request: answer.request });
      setSaved(`Status changed to ${STATUS_LABELS[status]}.`);
    } catch (failure) {
      setError(describeFailure(failure));
    }
  };

  const back = (
    <Link to={`/projects/${encodeURIComponent(project.id)}`} class="small">
      ← Backlog
    </Link>
  );
  if (detail === null) return <div>{back}{error ? <p class="error">{error}</p> : <p class="muted">Loading…</p>}</div>;
  const { request, voters, accounts, anonymousVotes } = detail;
  const paying = accounts.filter((group) => group.account.monthlyAmount > 0).length;
  const currency = project.currency;

  return (
    <div>
      {back}
      <div class="page-head">
        <div>
          <h1 data-testid="request-title">{request.title}</h1>
          <p class="muted">
            Posted {formatAgo(request.createdAt)}
            {request.author ? ` by ${request.author.email ?? request.author.id}` : ''}
          </p>
        </div>
        <div class="spacer" />
        <label class="field">
          <span>Status</span>
          <select value={request.status} onChange={(event) => void changeStatus(event.currentTarget.value as RequestStatus)} data-testid="status">
            {(Object.keys(SETTABLE_STATUS_LABELS) as RequestStatus[]).map((status) => (
              <option value={status}>{STATUS_LABELS[status]}</option>
            ))}
          </select>
        </label>
      </div>
      {saved && <p class="success" role="status">{saved}</p>}
      {error && <p class="error">{error}</p>}
      {request.body && (
        <div class="card">
          <p class="request-body">{request.body}</p>
        </div>
      )}
      <div class="stats">
        <div class="stat">
          <b data-testid="request-revenue">{formatMonthly(request.monthlyRevenue, currency)}</b>
          <span>monthly revenue behind it</span>
        </div>
        <div class="stat">
          <b>{request.votes}</b>
          <span>votes</span>
        </div>
        <div class="stat">
          <b data-testid="request-accounts">{request.accounts}</b>
          <span>accounts ({paying} paying)</span>
        </div>
        <div class="stat">
          <b>{anonymousVotes}</b>
          <span>anonymous votes (weigh nothing)</span>
        </div>
      </div>
      <div class="card">
        <h2>Who asked</h2>
        <p class="muted small">Grouped by account: a company counts once, however many of its people voted; a user without a company is an account of one.</p>
        {voters.length === 0 ? (
          <p class="muted">No identified customer has voted yet.</p>
        ) : (
          <table data-testid="voters">
            <thead>
              <tr>
                <th>Account and its people</th>
                <th>Plan</th>
                <th class="num">Monthly amount</th>
                <th class="num">Share of revenue</th>
                <th>Voted</th>
              </tr>
            </thead>
            {accounts.map(({ account, users }) => (
              <tbody class="account-group" data-account-id={account.id}>
                <tr class="account-row">
                  <td data-label="Account">
                    <Link to={`/projects/${encodeURIComponent(project.id)}/accounts/${encodeURIComponent(account.id)}`} class="account-name">
                      {account.name ?? account.externalId}
                    </Link>
                    <div class="muted small">{account.kind === 'company' ? `company · ${users.length} of ${account.users} people voted` : 'user account'}</div>
                  </td>
                  <td data-label="Plan">{account.plan ?? <span class="muted">–</span>}</td>
                  <td data-label="Monthly amount" class="num">{formatMoney(account.monthlyAmount, currency)}</td>
                  <td data-label="Share" class="num" data-testid="account-share">
                    {request.monthlyRevenue > 0 ? `${Math.round((account.monthlyAmount / request.monthlyRevenue) * 100)}%` : '–'}
                  </td>
                  <td />
                </tr>
                {users.map((voter) => (
                  <tr class="voter-row">
                    <td data-label="Person">
                      <div class="voter-email">{voter.email ?? voter.name ?? voter.id}</div>
                      <div class="muted small">
                        {voter.name && voter.email ? `${voter.name} · ` : ''}id {voter.id}
                      </div>
                    </td>
                    <td data-label="Plan" class="voter-plan muted">{voter.plan ?? '–'}</td>
                    <td data-label="Own amount" class="num muted">{account.kind === 'company' ? `own ${formatMoney(voter.monthlyAmount, currency)}` : ''}</td>
                    <td />
                    <td data-label="Voted" class="muted">{formatAgo(voter.votedAt)}</td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        )}
      </div>
    </div>
  );
}
