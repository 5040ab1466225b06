import type { WidgetRequest, WidgetRequestList } from '@reqio/shared';
import { Component } from 'preact';
import type { SessionClient } from '../create-session-client.js';
import { settle } from '../settle.js';
import { guard } from '../warn.js';
import { describeError } from './describe-error.js';
import type { OnVote } from './panel.js';
import { patchItem, RequestItem } from './request-item.js';
import { STATUS_LABELS } from './status-badge.js';

/** Requests per page of the list. */
export const PAGE_SIZE = 25;
/** How long typing must pause before the list searches. */
export const SEARCH_DELAY_MS = 250;

interface ListProps {
  client: SessionClient;
  /** `trending`: votes in the last 14 days, ties by revenue (the service sorts). */
  sort: 'top' | 'new' | 'trending';
  onVote: OnVote;
  onOpen: (item: WidgetRequest) => void;
  say: (text: string, error?: boolean) => void;
}

interface ListState {
  q: string;
  status: string;
  /** Null while the first page loads. */
  items: WidgetRequest[] | null;
  /** The `offset` of the next page; null on the last page. */
  next: number | null;
  failure?: string;
  /** A further page is loading. */
  more?: boolean;
}

/**
 * The request list of one sort: a search box (searches as typing pauses, dropping the
 * call in flight), a status filter, and "Load more" through `nextOffset`.
 */
export class RequestList extends Component<ListProps, ListState> {
  declare timer: ReturnType<typeof setTimeout> | undefined;
  declare controller: AbortController | null;

  constructor(props: ListProps) {
    super(props);
    this.state = { q: '', status: '', items: null, next: null };
  }

  override componentDidMount(): void {
    this.load(0);
  }

  override componentWillUnmount(): void {
    clearTimeout(this.timer);
    this.controller?.abort();
  }

  /** Loads the page at `offset`: the first page replaces the list, later pages extend it. */
  load(offset: number): void {
    clearTimeout(this.timer);
    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    const { q, status } = this.state;
    const query = `sort=${this.props.sort}${status ? `&status=${status}` : ''}${q.trim() ? `&q=${encodeURIComponent(q.trim())}` : ''}`;
    this.setState(offset ? { more: true } : { items: null, failure: undefined });
    settle(
      this.props.client.request<WidgetRequestList>('GET', `/requests?${query}&offset=${offset}&limit=${PAGE_SIZE}`, undefined, controller.signal),
      (answer) => {
        if (controller !== this.controller) return;
        const shown = offset ? (this.state.items ?? []) : [];
        const added = answer.requests.filter((request) => !shown.some((item) => item.id === request.id));
        this.setState({ items: [...shown, ...added], next: answer.nextOffset ?? null, more: false }, () => {
          // After "Load more", focus moves to the first new request rather than staying on a button that may be gone.
          if (offset) this.base && (this.base as HTMLElement).querySelectorAll<HTMLElement>('.item .title')[shown.length]?.focus();
        });
      },
      (error) => {
        if (controller !== this.controller || error.code === 'aborted') return;
        this.setState({ more: false, failure: offset ? this.state.failure : describeError(error, 'load') });
        if (offset) this.props.say(describeError(error, 'load'), true);
      },
    );
  }

  search(q: string): void {
    this.setState({ q });
    // What was asked for before this keystroke is no longer wanted.
    this.controller?.abort();
    clearTimeout(this.timer);
    this.timer = setTimeout(guard(() => this.load(0), 'search failed'), SEARCH_DELAY_MS);
  }

  /** Puts a request changed elsewhere (the detail, the form) into the list: patched in place, or first. */
  add(request: WidgetRequest): void {
    this.setState(({ items }) => ({
      items: items?.some((item) => item.id === request.id) ? patchItem(items, request.id, request) : [request, ...(items ?? [])],
      failure: undefined,
    }));
  }

  /** Takes a deleted request out of the list. */
  remove(id: string): void {
    this.setState(({ items }) => ({ items: items && items.filter((item) => item.id !== id) }));
  }

  render({ sort, onVote, onOpen }: ListProps, { q, status, items, next, failure, more }: ListState) {
    return (
      <div class="view" id={`reqio-${sort}`} role="tabpanel" aria-labelledby={`reqio-tab-${sort}`} aria-busy={!items && !failure}>
        <div class="tools">
          <input
            type="search"
            aria-label="Search requests"
            placeholder="Search…"
            value={q}
            onInput={guard((event: Event) => this.search((event.target as HTMLInputElement).value), 'search failed')}
          />
          <select
            aria-label="Filter by status"
            value={status}
            onChange={guard((event: Event) => this.setState({ status: (event.target as HTMLSelectElement).value }, () => this.load(0)), 'filter failed')}
          >
            <option value="">All statuses</option>
            {['open', 'planned', 'in_progress', 'done', 'closed'].map((value) => (
              <option value={value}>{STATUS_LABELS[value]}</option>
            ))}
          </select>
        </div>
        <div class="list">
          {failure ? (
            <div class="state">
              <p class="error">{failure}</p>
              <button class="link" onClick={() => this.load(0)}>
                Try again
              </button>
            </div>
          ) : !items ? (
            <p class="state">Loading…</p>
          ) : items.length ? (
            <>
              <ul>
                {items.map((item) => (
                  <RequestItem key={item.id} item={item} onVote={onVote} onOpen={onOpen} apply={(change) => this.setState(({ items }) => ({ items: patchItem(items, item.id, change) }))} />
                ))}
              </ul>
              {next != null ? (
                <button class="secondary more" disabled={more} onClick={guard(() => this.load(next), 'loading failed')}>
                  {more ? 'Loading…' : 'Load more'}
                </button>
              ) : null}
            </>
          ) : (
            <p class="state">{q.trim() || status ? 'No requests match.' : 'No requests yet. Be the first to suggest one!'}</p>
          )}
        </div>
      </div>
    );
  }
}
