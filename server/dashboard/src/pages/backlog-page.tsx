import { useEffect, useState } from 'preact/hooks';
import { adminPath, api, describeFailure } from '../api.js';
import { BacklogToolbar, filterQuery, type BacklogFilter } from '../components/backlog-toolbar.js';
import { RevenueChart } from '../components/revenue-chart.js';
import { StatusSelect } from '../components/status-select.js';
import type { ProjectPageProps } from '../project-page-props.js';
import { formatAgo, formatMonthly } from '../format.js';
import { currencyMinorDigits } from '@reqio/shared';
import { Link, navigate } from '../router.js';
import type { AdminRequest } from '../types.js';

type Sort = 'revenue' | 'top' | 'new' | 'trending';
const SORTS: { value: Sort; label: string }[] = [
  { value: 'revenue', label: 'Monthly revenue' },
  { value: 'top', label: 'Votes' },
  { value: 'trending', label: 'Trending' },
  { value: 'new', label: 'Newest' },
];
const PAGE_SIZE = 50;

/**
 * The backlog ranked by the monthly revenue behind each request (or by votes, trending or
 * newest), searched, filtered by status and by a segment of accounts, a page at a time,
 * with its chart, statuses changed in place and the CSV export of what is shown.
 */
export function BacklogPage({ project }: ProjectPageProps) {
  const [sort, setSort] = useState<Sort>('revenue');
  const [filter, setFilter] = useState<BacklogFilter>({ q: '', status: '' });
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ requests: AdminRequest[]; nextOffset: number | null } | null>(null);
  const [error, setError] = useState('');
  // A segment: requests asked for by accounts on a plan, paying at least an amount (in major units here).
  const [plan, setPlan] = useState('');
  const [minimum, setMinimum] = useState('');
  const minMonthlyAmount = minimum.trim() === '' || !(Number(minimum) >= 0) ? undefined : Math.round(Number(minimum) * 10 ** currencyMinorDigits(project.currency));
  const segmented = plan.trim() !== '' || minMonthlyAmount !== undefined;
  const requests = page?.requests ?? null;
  const filtered = filter.q.trim() !== '' || filter.status !== '';
  const segment = new URLSearchParams({ ...(plan.trim() && { plan: plan.trim() }), ...(minMonthlyAmount !== undefined && { minMonthlyAmount: String(minMonthlyAmount) }) }).toString();
  const query = [filterQuery(filter, sort), segment].filter(Boolean).join('&');

  useEffect(() => {
    let current = true;
    setError('');
    api<{ requests: AdminRequest[]; nextOffset: number | null }>('GET', adminPath(project.id, `/requests?${query}&limit=${PAGE_SIZE}&offset=${offset}`)).then(
      (answer) => current && setPage(answer),
      (failure) => current && setError(describeFailure(failure)),
    );
    return () => void (current = false);
  }, [project.id, query, offset]);
  // A new filter, order or segment starts again on the first page.
  useEffect(() => setOffset(0), [query]);

  const revenueOf = (request: AdminRequest) => request.segment?.monthlyRevenue ?? request.monthlyRevenue;
  const replace = (changed: AdminRequest) =>
    setPage((current) => current && { ...current, requests: current.requests.map((request) => (request.id === changed.id ? { ...changed, segment: request.segment } : request)) });
  const open = (request: AdminRequest) => navigate(`/projects/${encodeURIComponent(project.id)}/backlog/${encodeURIComponent(request.id)}`);
  const totalVotes = requests?.reduce((sum, request) => sum + request.votes, 0) ?? 0;
  const top = requests && [...requests].sort((a, b) => revenueOf(b) - revenueOf(a))[0];
  const paged = offset > 0 || page?.nextOffset != null;

  return (
    <div>
      <div class="page-head">
        <div>
          <h1>Backlog</h1>
          <p class="muted">
            {project.name}: each request weighs the current monthly revenue of the distinct accounts (companies, or users alone) that voted for it.
          </p>
        </div>
        <div class="spacer" />
        <div class="tabs" role="tablist" aria-label="Order requests by">
          {SORTS.map((option) => (
            <button role="tab" aria-selected={sort === option.value} onClick={() => setSort(option.value)}>
              {option.label}
            </button>
          ))}
        </div>
      </div>
      <BacklogToolbar filter={filter} onFilter={setFilter} exportHref={adminPath(project.id, `/requests.csv?${query}`)} />
      <form class="segment row" aria-label="Segment" onSubmit={(event) => event.preventDefault()} data-testid="segment">
        <label class="field">
          <span>Plan</span>
          <input placeholder="any plan" maxLength={100} value={plan} onInput={(event) => setPlan(event.currentTarget.value)} data-testid="segment-plan" />
        </label>
        <label class="field">
          <span>Paying at least ({project.currency}/mo)</span>
          <input inputMode="decimal" placeholder="0" value={minimum} onInput={(event) => setMinimum(event.currentTarget.value)} data-testid="segment-minimum" />
        </label>
        {segmented && (
          <button type="button" onClick={() => (setPlan(''), setMinimum(''))}>
            Whole backlog
          </button>
        )}
      </form>
      {segmented && <p class="muted small">Only accounts in this segment count: the requests they asked for, with their share of the revenue.</p>}
      {error && <p class="error">{error}</p>}
      {requests === null ? (
        !error && <p class="muted">Loading…</p>
      ) : requests.length === 0 && filtered ? (
        <div class="card">
          <h2>No request matches</h2>
          <p class="muted">Try other words, or another status.</p>
        </div>
      ) : requests.length === 0 && segmented ? (
        <div class="card">
          <p class="muted">No account in this segment has asked for anything yet.</p>
        </div>
      ) : requests.length === 0 ? (
        <div class="card">
          <h2>No requests yet</h2>
          <p class="muted">
            Requests appear here as customers post them in the widget. Set up <Link to={`/projects/${encodeURIComponent(project.id)}/identity`}>identity</Link>{' '}
            so each vote carries the customer's revenue.
          </p>
        </div>
      ) : (
        <>
          <div class="stats">
            <div class="stat">
              <b>{requests.length}</b>
              <span>{paged ? 'requests on this page' : 'requests'}</span>
            </div>
            <div class="stat">
              <b>{totalVotes}</b>
              <span>votes</span>
            </div>
            <div class="stat money">
              <b>{top ? formatMonthly(revenueOf(top), project.currency) : '–'}</b>
              <span>behind the top request</span>
            </div>
          </div>
          <div class="card">
            <h2>Monthly revenue per request</h2>
            <RevenueChart requests={segmented ? requests.map((request) => ({ ...request, monthlyRevenue: revenueOf(request) })) : requests} currency={project.currency} />
          </div>
          <div class="card">
            <table data-testid="backlog">
              <thead>
                <tr>
                  <th class="rank">#</th>
                  <th>Request</th>
                  <th>Status</th>
                  <th class="num">Votes</th>
                  <th class="num">Accounts</th>
                  <th class="num">Monthly revenue</th>
                </tr>
              </thead>
              <tbody>
                {requests.map((request, index) => (
                  <tr
                    class="clickable"
                    data-request-id={request.id}
                    // The title is a link that navigates itself: opening again here would push a second history entry.
                    onClick={(event) => !(event.target as Element).closest('a') && open(request)}
                  >
                    <td data-label="#" class="rank">{offset + index + 1}</td>
                    <td data-label="Request">
                      <Link to={`/projects/${encodeURIComponent(project.id)}/backlog/${encodeURIComponent(request.id)}`} class="request-title">
                        {request.title}
                      </Link>
                      <div class="muted small">
                        {formatAgo(request.createdAt)}
                        {request.author?.email ? ` · by ${request.author.email}` : ''}
                      </div>
                    </td>
                    <td data-label="Status">
                      <StatusSelect projectId={project.id} request={request} onChange={replace} onError={setError} />
                    </td>
                    <td data-label="Votes" class="num">{request.votes}</td>
                    <td data-label="Accounts" class="num" data-testid="accounts">{request.segment ? `${request.segment.accounts} of ${request.accounts}` : request.accounts}</td>
                    <td data-label="Monthly revenue" class="num" data-testid="monthly-revenue">
                      {formatMonthly(revenueOf(request), project.currency)}
                      {request.segment && <div class="muted small">of {formatMonthly(request.monthlyRevenue, project.currency)}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {paged && (
              <nav class="pager" aria-label="Pages">
                <button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
                  ← Previous
                </button>
                <span class="muted small" data-testid="page-range">
                  {offset + 1}–{offset + requests.length}
                </span>
                <button disabled={page?.nextOffset == null} onClick={() => page?.nextOffset != null && setOffset(page.nextOffset)} data-testid="next-page">
                  Next →
                </button>
              </nav>
            )}
          </div>
        </>
      )}
    </div>
  );
}
