import { useEffect, useRef, useState } from 'preact/hooks';
import { STATUS_LABELS } from '../format.js';
import type { RequestStatus } from '../types.js';

/** What the backlog shows: words to search, and one status or all but merged ones. */
export interface BacklogFilter {
  q: string;
  status: RequestStatus | '';
}

/** The query string of a backlog list or export for `filter`, without paging. */
export function filterQuery(filter: BacklogFilter, sort: string): string {
  const query = new URLSearchParams({ sort });
  if (filter.q.trim() !== '') query.set('q', filter.q.trim());
  if (filter.status !== '') query.set('status', filter.status);
  return query.toString();
}

/** Search (as you type, debounced), the status filter, and the CSV export of what is shown. */
export function BacklogToolbar(props: { filter: BacklogFilter; onFilter: (filter: BacklogFilter) => void; exportHref: string }) {
  const [typed, setTyped] = useState(props.filter.q);
  // The filter as it is when the pause in typing ends, not as it was when typing began.
  const latest = useRef(props);
  latest.current = props;
  useEffect(() => {
    if (typed === props.filter.q) return;
    const timer = setTimeout(() => latest.current.onFilter({ ...latest.current.filter, q: typed }), 250);
    return () => clearTimeout(timer);
  }, [typed]);

  return (
    <div class="toolbar" role="search">
      <input
        type="search"
        class="toolbar-search"
        placeholder="Search titles and descriptions"
        aria-label="Search requests"
        value={typed}
        maxLength={200}
        onInput={(event) => setTyped(event.currentTarget.value)}
        data-testid="backlog-search"
      />
      <select
        aria-label="Filter by status"
        value={props.filter.status}
        onChange={(event) => props.onFilter({ ...props.filter, status: event.currentTarget.value as BacklogFilter['status'] })}
        data-testid="status-filter"
      >
        <option value="">All statuses</option>
        {(Object.keys(STATUS_LABELS) as RequestStatus[]).map((status) => (
          <option value={status}>{STATUS_LABELS[status]}</option>
        ))}
      </select>
      <a class="button" href={props.exportHref} download="requests.csv" data-testid="export-csv">
        Export CSV
      </a>
    </div>
  );
}
