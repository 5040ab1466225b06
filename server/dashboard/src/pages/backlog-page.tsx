import { useEffect, useState } from 'preact/hooks';
import { adminPath, api, describeFailure } from '../api.js';
import { BacklogToolbar, filterQuery, type BacklogFilter } from '../components/backlog-toolbar.js';
import { RevenueChart } from '../components/revenue-chart.js';
import { StatusSelect } from '../components/status-select.js';
import type { ProjectPageProps } from '../project-page-props.js';
import { formatAgo, formatMonthly } from '../format.js';
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
 * newest), searched and filtered by status, a page at a time, with its chart, statuses
 * changed in place and the CSV export of what is shown.
 */
export function BacklogPage({ project }: ProjectPageProps) {
  const [sort, setSort] = useState<Sort>('revenue');
  const [filter, setFilter] = useState<BacklogFilter>({ q: '', status: '' });
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ requests: AdminRequest[]; nextOffset: number | null } | null>(null);
  const [error, setError] = useState('');
  const requests = page?.requests ?? null;
  const query = filterQuery(filter, sort);
  const filtered = filter.q.trim() !== '' || filter.status !== '';

  useEffect(() => {
    let current = true;
    setError('');
    api<{ requests: AdminRequest[]; nextOffset: number | null }>('GET', adminPath(project.id, `/requests?${query}&limit=${PAGE_SIZE}&offset=${offset}`)).then(
      (answer) => current && setPage(answer),
      (failure) => current && setError(describeFailure(failure)),
    );
    return () => void (current = false);
  }, [project.id, query, offset]);

  const refilter = (next: BacklogFilter) => {
    setFilter(next);
    setOffset(0);
  };
  const replace = (changed: AdminRequest) =>
    setPage((current) => current && { ...current, requests: current.requests.map((request) => (request.id === changed.id ? changed : request)) });

  const open = (request: AdminRequest) => navigate(`/projects/${encodeURIComponent(project.id)}/backlog/${encodeURIComponent(request.id)}`);
  const totalVotes = requests?.reduce((sum, request) => sum + request.votes, 0) ?? 0;
  const top = requests && [...requests].sort((a, b) => b.monthlyRevenue - a.monthlyRevenue)[0];

  return (
    <div>
      <div class="page-head">
        <div>
          <h1>Backlog</h1>
          <p class="muted">
            {project.name}: each request weighs the current monthly revenue of the distinct customers who voted for it.
          </p>
        </div>
        <div class="spacer" />
        <div class="tabs" role="tablist" aria-label="Order requests by">
          {SORTS.map((option) => (
            <button
              role="tab"
              aria-selected={sort === option.value}
              onClick={() => {
                setSort(option.value);
                setOffset(0);
              }}
            >
              {option.label}
            </button>
          ))}
        </div>
      </div>
      <BacklogToolbar filter={filter} onFilter={refilter} exportHref={adminPath(project.id, `/requests.csv?${query}`)} />
      {error && <p class="error">{error}</p>}
      {requests === null ? (
        !error && <p class="muted">Loading…</p>
      ) : requests.length === 0 && filtered ? (
        <div class="card">
          <h2>No request matches</h2>
          <p class="muted">Try other words, or another status.</p>
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
              <span>{offset > 0 || page?.nextOffset !== null ? 'requests on this page' : 'requests'}</span>
            </div>
            <div class="stat">
              <b>{totalVotes}</b>
              <span>votes</span>
            </div>
            <div class="stat">
              <b>{top ? formatMonthly(top.monthlyRevenue) : '–'}</b>
              <span>behind the top request</span>
            </div>
          </div>
          <div class="card">
            <h2>Monthly revenue per request</h2>
            <RevenueChart requests={requests} />
          </div>
          <div class="card">
            <table data-testid="backlog">
              <thead>
                <tr>
                  <th class="rank">#</th>
                  <th>Request</th>
                  <th>Status</th>
                  <th class="num">Votes</th>
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
                    <td data-label="Monthly revenue" class="num" data-testid="monthly-revenue">
                      {formatMonthly(request.monthlyRevenue)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {(offset > 0 || page?.nextOffset !== null) && (
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
