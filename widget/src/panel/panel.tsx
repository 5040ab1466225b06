import type { VoteResponse, WidgetRequest, WidgetRequestDetail } from '@reqio/shared';
import { Component } from 'preact';
import { guard } from '../warn.js';
import type { WidgetContext, WidgetState } from '../widget-state.js';
import { describeError } from './describe-error.js';
import { RequestDetail } from './request-detail.js';
import { RequestList } from './request-list.js';
import { RoadmapView } from './roadmap-view.js';
import { SubmitForm } from './submit-form.js';
import { trapFocus } from './trap-focus.js';
import { UpdatesView } from './updates-view.js';

/** The panel's tabs: three sorts of the list, the roadmap and the person's updates. */
type Tab = 'top' | 'new' | 'trending' | 'roadmap' | 'updates';
const TABS: [Tab, string][] = [
  ['top', 'Top'],
  ['new', 'New'],
  ['trending', 'Trending'],
  ['roadmap', 'Roadmap'],
  ['updates', 'Updates'],
];

/** Applies a change to the copy of a request a view holds. */
export type Apply = (change: Partial<WidgetRequest>) => void;
/** Votes (or takes the vote back) on `item`, optimistically through `apply`. */
export type OnVote = (item: WidgetRequest, apply: Apply) => void;

export interface PanelProps {
  context: WidgetContext;
  state: WidgetState;
  onClose: () => void;
}

interface PanelViewState {
  tab: Tab;
  /** The request shown in detail, if any. */
  detail?: WidgetRequest | null;
  /** Its detail as already read, when it was (a `#reqio-request=` link). */
  loaded?: WidgetRequestDetail | null;
  composing?: boolean;
  notice?: { text: string; error?: boolean } | null;
}

/** The open panel: a modal dialog with tabs, the request detail and the submit form. */
export class Panel extends Component<PanelProps, PanelViewState> {
  declare dialog: HTMLDivElement | null;
  declare list: RequestList | null;
  /** What had focus when the detail or the form opened, to give it back. */
  declare opener: HTMLElement | null;
  declare voting: Set<string>;
  declare vote: OnVote;
  declare say: (text: string, error?: boolean) => void;
  /** The last `#reqio-request=` link shown. */
  declare linked: WidgetState['linked'];

  // No class fields: esbuild would lower them with a helper outside the bundle's IIFE.
  constructor(props: PanelProps) {
    super(props);
    this.state = { tab: 'top' };
    this.voting = new Set();
    this.say = (text, error) => this.setState({ notice: { text, error } });
    // Optimistic: the button flips at once and flips back if the API says no.
    this.vote = guard(async (item: WidgetRequest, apply: Apply) => {
      const { id, voted, votes } = item;
      if (this.voting.has(id)) return;
      this.voting.add(id);
      apply({ voted: !voted, votes: votes + (voted ? -1 : 1) });
      this.setState({ notice: null });
      try {
        apply(await this.props.context.client.request<VoteResponse>(voted ? 'DELETE' : 'PUT', `/requests/${encodeURIComponent(id)}/vote`));
      } catch (error) {
        apply({ voted, votes });
        this.say(describeError(error, 'vote'), true);
      } finally {
        this.voting.delete(id);
      }
    }, 'voting failed');
  }

  override componentDidMount(): void {
    this.dialog?.querySelector<HTMLElement>('[aria-selected=true]')?.focus();
    this.openLinked();
  }

  override componentDidUpdate(): void {
    this.openLinked();
  }

  /** Shows the request a `#reqio-request=` link names (a merged one's target), once. */
  openLinked(): void {
    const { store, client } = this.props.context;
    const linked = this.props.state.linked;
    if (!linked || linked === this.linked) return;
    this.linked = linked;
    // Taken, so the next opening of the panel does not show it again (after this render).
    queueMicrotask(() => store.get().linked === linked && store.set({ linked: null }));
    const { id } = linked;
    guard(async () => {
      try {
        const loaded = await client.request<WidgetRequestDetail>('GET', `/requests/${encodeURIComponent(id)}`);
        this.show(loaded.request, false, loaded);
      } catch (error) {
        this.say(describeError(error, 'load'), true);
      }
    }, 'the linked request failed to open')();
  }

  /** Opens a request's detail (or the form, with null). */
  show(detail: WidgetRequest | null, composing?: boolean, loaded?: WidgetRequestDetail): void {
    this.opener = (this.props.context.root.activeElement as HTMLElement | null) ?? null;
    this.setState({ detail, loaded: loaded ?? null, composing, notice: null });
  }

  /** Back from the detail or the form to the list, which takes what changed meanwhile. */
  back(change?: { request?: WidgetRequest; removed?: string; text?: string }): void {
    if (change?.request) this.list?.add(change.request);
    if (change?.removed) this.list?.remove(change.removed);
    this.setState({ detail: null, loaded: null, composing: false, notice: change?.text ? { text: change.text } : null });
    const { opener, state } = this;
    // Visible again with this render: the request's title in the list (even if the list was
    // redrawn meanwhile), else what had focus before, else the button that suggests a feature.
    setTimeout(
      guard(() => {
        const same = [...(this.dialog?.querySelectorAll<HTMLElement>('.body [data-id]') ?? [])].find((item) => item.dataset.id === state.detail?.id);
        (same?.querySelector<HTMLElement>('.title') ?? (opener?.isConnected ? opener : this.dialog?.querySelector<HTMLElement>('.foot button')))?.focus();
      }, 'focus failed'),
    );
  }

  /** Tabs are one stop for Tab; the arrow keys, Home and End move between them (the ARIA tabs pattern). */
  onTabKey(event: KeyboardEvent): void {
    const index = TABS.findIndex(([value]) => value === this.state.tab);
    const next = ({ ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: -1 } as Record<string, number>)[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const [tab] = TABS[(next + TABS.length) % TABS.length]!;
    this.setState({ tab, notice: null }, () => this.dialog?.querySelector<HTMLElement>(`#reqio-tab-${tab}`)?.focus());
  }

  onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.props.onClose();
    } else if (event.key === 'Tab' && this.dialog) {
      trapFocus(event, this.dialog);
    }
  }

  render({ context, state: { user, identity, unseen }, onClose }: PanelProps, { tab, detail, loaded, composing, notice }: PanelViewState) {
    const { client, store } = context;
    const who = user && (user.email || user.name);
    const open = (item: WidgetRequest) => this.show(item);
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
          <SubmitForm client={client} onVote={this.vote} onOpen={open} onDone={(posted) => this.back(posted && { request: posted, text: 'Thanks! Your request is posted.' })} />
        ) : detail ? (
          <RequestDetail key={`${detail.id} ${identity}`} client={client} item={detail} loaded={loaded ?? undefined} onVote={this.vote} onBack={(change) => this.back(change)} say={this.say} />
        ) : null}
        {/* Hidden, not unmounted, while a detail or the form is open: the search, the filter and the pages loaded stay. */}
        <div class="body" hidden={!!(composing || detail)}>
          <div class="tabs" role="tablist" aria-label="Requests" onKeyDown={guard((event: KeyboardEvent) => this.onTabKey(event), 'keyboard handling failed')}>
            {TABS.map(([value, label]) => (
              <button
                role="tab"
                id={`reqio-tab-${value}`}
                aria-selected={tab === value}
                tabIndex={tab === value ? 0 : -1}
                aria-controls={`reqio-${value}`}
                onClick={() => this.setState({ tab: value, notice: null })}
              >
                {label}
                {value === 'updates' && unseen ? <span class="n">{unseen}</span> : null}
              </button>
            ))}
          </div>
          {tab === 'roadmap' ? (
            <RoadmapView key={identity} client={client} onVote={this.vote} onOpen={open} />
          ) : tab === 'updates' ? (
            <UpdatesView key={identity} client={client} store={store} onOpen={open} />
          ) : (
            <RequestList
              key={`${tab} ${identity}`}
              ref={(list) => void (this.list = list)}
              sort={tab}
              client={client}
              onVote={this.vote}
              onOpen={open}
              say={this.say}
            />
          )}
        </div>
        {notice ? (
          <p class={notice.error ? 'notice error' : 'notice'} role={notice.error ? 'alert' : 'status'}>
            {notice.text}
          </p>
        ) : null}
        {composing ? null : (
          <div class="foot">
            <button class="primary" onClick={() => this.show(null, true)}>
              Suggest a feature
            </button>
          </div>
        )}
      </div>
    );
  }
}
