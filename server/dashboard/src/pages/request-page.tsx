import { useEffect, useState } from 'preact/hooks';
import { adminPath, api, describeFailure } from '../api.js';
import type { ProjectPageProps } from '../project-page-props.js';
import { STATUS_LABELS, formatAgo, formatMoney, formatMonthly } from '../format.js';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { MergeDialog } from '../components/merge-dialog.js';
import { RequestComments } from '../components/request-comments.js';
import { RequestEditForm } from '../components/request-edit-form.js';
import { StatusSelect } from '../components/status-select.js';
import { Link, navigate } from '../router.js';
import type { AdminRequest, AdminRequestDetail } from '../types.js';

/** One request and who asked for it, grouped by paying account, highest paying first: why it ranks where it does. */
export function RequestPage({ project, requestId }: ProjectPageProps & { requestId: string }) {
  const [detail, setDetail] = useState<AdminRequestDetail | null>(null);
  const [error, setError] = useState('');
  const [saved, setSaved] = useState('');
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [merging, setMerging] = useState(false);

  useEffect(() => {
    api<AdminRequestDetail>('GET', adminPath(project.id, `/requests/${encodeURIComponent(requestId)}`)).then(setDetail, (failure) =>
      setError(describeFailure(failure)),
    );
  }, [project.id, requestId]);

  const replaceRequest = (request: AdminRequest, message: string) => {
    setError('');
    setDetail((current) => current && { ...current, request });
    setSaved(message);
  };
  const backlogPath = `/projects/${encodeURIComponent(project.id)}`;

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
        <div class="row">
          <label class="field">
            <span>Status</span>
            <StatusSelect
              projectId={project.id}
              request={request}
              label="Status"
              onChange={(changed) => replaceRequest(changed, `Status changed to ${STATUS_LABELS[changed.status]}.`)}
              onError={setError}
            />
          </label>
          <button onClick={() => setEditing(true)} disabled={editing} data-testid="edit">
            Edit
          </button>
          {request.status !== 'merged' && (
            <button onClick={() => setMerging(true)} data-testid="merge">
              Merge into…
            </button>
          )}
          <button class="danger" onClick={() => setDeleting(true)} data-testid="delete">
            Delete
          </button>
        </div>
      </div>
      {saved && <p class="success" role="status">{saved}</p>}
      {error && <p class="error">{error}</p>}
      {request.mergedInto && (
        <p class="notice">
          Merged into <Link to={`${backlogPath}/backlog/${encodeURIComponent(request.mergedInto)}`}>another request</Link>, which has its votes and comments.
        </p>
      )}
      {editing && (
        <RequestEditForm
          projectId={project.id}
          request={request}
          onSaved={(changed) => {
            setEditing(false);
            replaceRequest(changed, 'Saved.');
          }}
          onCancel={() => setEditing(false)}
        />
      )}
      {merging && (
        <MergeDialog
          projectId={project.id}
          request={request}
          onMerged={(into) => navigate(`${backlogPath}/backlog/${encodeURIComponent(into.id)}`)}
          onClose={() => setMerging(false)}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete this request?"
          message={`“${request.title}” is deleted with its ${request.votes} ${request.votes === 1 ? 'vote' : 'votes'} and its comments. This cannot be undone.`}
          action="Delete request"
          onConfirm={async () => {
            await api('DELETE', adminPath(project.id, `/requests/${encodeURIComponent(requestId)}`));
            navigate(backlogPath);
          }}
          onClose={() => setDeleting(false)}
        />
      )}
      {request.body && (
        <div class="card">
          <p class="request-body">{request.body}</p>
        </div>
      )}
      <div class="stats">
        <div class="stat money">
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
      <RequestComments projectId={project.id} requestId={request.id} readOnly={request.status === 'merged'} />
    </div>
  );
}
