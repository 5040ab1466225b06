import type { VoteResponse, WidgetRequest } from '@reqio/shared';
import { Component } from 'preact';
import { describeError } from '../describe-error.js';
import type { WidgetUser } from '../types.js';
import { guard } from '../warn.js';
import type { WidgetContext } from '../widget-state.js';
import { RequestItem } from './request-item.js';
import { SubmitForm } from './submit-form.js';
import { trapFocus } from './trap-focus.js';

type Sort = 'top' | 'new';

interface PanelProps {
  context: WidgetContext;
  user: WidgetUser | null;
  identity: number;
  onClose: () => void;
}

interface PanelState {
  sort: Sort;
  /** Null while loading. */
  items: WidgetRequest[] | null;
  /** Why the list failed to load. */
  failure?: string;
  notice?: { text: string; error?: boolean } | null;
  composing?: boolean;
}

/** The open panel: a modal dialog with the request list, voting and the submit form. */
export class Panel extends Component<PanelProps, PanelState> {
  declare dialog: HTMLDivElement | null;
  declare suggest: HTMLButtonElement | null;
  declare voting: Set<string>;
  declare loads: number;

  constructor(props: PanelProps) {
    super(props);
    this.state = { sort: 'top', items: null };
    this.voting = new Set();
    this.loads = 0;
  }

  override componentDidMount(): void {
    this.load('top');
    this.dialog?.querySelector<HTMLElement>('[aria-selected=true]')?.focus();
  }

  override componentDidUpdate(previous: PanelProps): void {
    if (previous.identity !== this.props.identity) this.load(this.state.sort);
  }

  load(sort: Sort): void {
    const load = (this.loads += 1);
    // Emptied, not kept: after a reset the previous person's voted state must not linger.
    this.setState({ sort, items: null, failure: undefined, notice: null });
    this.props.context.client.request<{ requests: WidgetRequest[] }>('GET', `/requests?sort=${sort}`).then(
      (answer) => load === this.loads && this.setState({ items: answer.requests }),
      (error) => load === this.loads && this.setState({ failure: describeError(error, 'load') }),
    );
  }

  patch(id: string, change: Partial<WidgetRequest>): void {
    this.setState(({ items }) => ({ items: items && items.map((item) => (item.id === id ? { ...item, ...change } : item)) }));
  }

  // Optimistic: the button flips at once and flips back if the API says no.
  async vote(item: WidgetRequest): Promise<void> {
    const { id, voted, votes } = item;
    if (this.voting.has(id)) return;
    this.voting.add(id);
    this.patch(id, { voted: !voted, votes: votes + (voted ? -1 : 1) });
    this.setState({ notice: null });
    try {
      const answer = await this.props.context.client.request<VoteResponse>(voted ? 'DELETE' : 'PUT', `/requests/${encodeURIComponent(id)}/vote`);
      this.patch(id, { voted: answer.voted, votes: answer.votes });
    } catch (error) {
      this.patch(id, { voted, votes });
      this.setState({ notice: { text: describeError(error, 'vote'), error: true } });
    } finally {
      this.voting.delete(id);
    }
  }

  closeForm(posted?: WidgetRequest): void {
    this.setState(({ items }) =>
      posted
        ? { composing: false, items: [posted, ...(items ?? []).filter((item) => item.id !== posted.id)], failure: undefined, notice: { text: 'Thanks! Your request is posted.' } }
        : { composing: false },
    );
    // The button that opened the form comes back with this render.
    setTimeout(() => this.suggest?.focus());
  }

  onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.props.onClose();
    } else if (event.key === 'Tab' && this.dialog) {
      trapFocus(event, this.dialog);
    }
  }

  render({ context, user, onClose }: PanelProps, { sort, items, failure, notice, composing }: PanelState) {
    const who = user && (user.email || user.name);
    return (
      <div
        ref={(element) => void (this.dialog = element)}
        class="panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby="reqio-heading"
        onKeyDown={guard((event: KeyboardEvent) => this.onKeyDown(event), 'keyboard handling failed')}
      >
        <div class="head">
          <h2 id="reqio-heading">Feedback</h2>
          <button class="x" aria-label="Close feedback" onClick={onClose}>
            ×
          </button>
        </div>
        {user ? <p class="who">{who ? `Signed in as ${who}` : 'Signed in'}</p> : null}
        {composing ? (
          <SubmitForm client={context.client} onDone={(posted) => this.closeForm(posted)} onCancel={() => this.closeForm()} />
        ) : (
          <>
            <div class="tabs" role="tablist" aria-label="Sort requests">
              {(['top', 'new'] as const).map((value) => (
                <button
                  role="tab"
                  id={`reqio-tab-${value}`}
                  aria-selected={sort === value}
                  aria-controls="reqio-list"
                  onClick={() => sort === value || this.load(value)}
                >
                  {value === 'top' ? 'Top' : 'New'}
                </button>
              ))}
            </div>
            <div class="list" id="reqio-list" role="tabpanel" aria-labelledby={`reqio-tab-${sort}`} aria-busy={!items && !failure}>
              {failure ? (
                <div class="state">
                  <p class="error">{failure}</p>
                  <button class="link" onClick={() => this.load(sort)}>
                    Try again
                  </button>
                </div>
              ) : !items ? (
                <p class="state">Loading…</p>
              ) : items.length ? (
                <ul>
                  {items.map((item) => (
                    <RequestItem key={item.id} item={item} onVote={(target) => this.vote(target)} />
                  ))}
                </ul>
              ) : (
                <p class="state">No requests yet. Be the first to suggest one!</p>
              )}
            </div>
          </>
        )}
        {notice ? (
          <p class={notice.error ? 'notice error' : 'notice'} role={notice.error ? 'alert' : 'status'}>
            {notice.text}
          </p>
        ) : null}
        {composing ? null : (
          <div class="foot">
            <button ref={(button) => void (this.suggest = button)} class="primary" onClick={() => this.setState({ composing: true, notice: null })}>
              Suggest a feature
            </button>
          </div>
        )}
      </div>
    );
  }
}
