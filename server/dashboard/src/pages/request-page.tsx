import { useEffect, useState } from 'preact/hooks';
import { adminPath, api, describeFailure } from '../api.js';
import type { ProjectPageProps } from '../project-page-props.js';
import { SETTABLE_STATUS_LABELS, STATUS_LABELS, formatAgo, formatCents, formatMonthly } from '../format.js';
import { Link } from '../router.js';
import type { AdminRequest, AdminRequestDetail, RequestStatus } from '../types.js';

/** One request and who asked for it, highest paying first: why it ranks where it does. */
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
  const { request, voters, anonymousVotes } = detail;
  const paying = voters.filter((voter) => voter.monthlyAmount > 0).length;

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
          <b data-testid="request-revenue">{formatMonthly(request.monthlyRevenue)}</b>
          <span>monthly revenue behind it</span>
        </div>
        <div class="stat">
          <b>{request.votes}</b>
          <span>votes</span>
        </div>
        <div class="stat">
          <b>{paying}</b>
          <span>paying customers</span>
        </div>
        <div class="stat">
          <b>{anonymousVotes}</b>
          <span>anonymous votes (weigh nothing)</span>
        </div>
      </div>
      <div class="card">
        <h2>Who asked</h2>
        {voters.length === 0 ? (
          <p class="muted">No identified customer has voted yet.</p>
        ) : (
          <table data-testid="voters">
            <thead>
              <tr>
                <th>Customer</th>
                <th>Plan</th>
                <th class="num">Monthly amount</th>
                <th class="num">Share</th>
                <th>Voted</th>
              </tr>
            </thead>
            <tbody>
              {voters.map((voter) => (
                <tr>
                  <td data-label="Customer">
                    <div class="voter-email">{voter.email ?? voter.name ?? voter.id}</div>
                    <div class="muted small">
                      {voter.name && voter.email ? `${voter.name} · ` : ''}id {voter.id}
                    </div>
                  </td>
                  <td data-label="Plan" class="voter-plan">{voter.plan ?? <span class="muted">–</span>}</td>
                  <td data-label="Monthly amount" class="num">{formatCents(voter.monthlyAmount)}</td>
                  <td data-label="Share" class="num muted">{request.monthlyRevenue > 0 ? `${Math.round((voter.monthlyAmount / request.monthlyRevenue) * 100)}%` : '–'}</td>
                  <td data-label="Voted" class="muted">{formatAgo(voter.votedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
