import { Component } from 'preact';
import type { WidgetContext, WidgetState } from '../widget-state.js';
import { Panel } from './panel.js';

// Stateful components are classes: Preact's core handles them, and leaving out
// preact/hooks keeps about 1 KB (gzip) off a script that loads on every page of the host.

/** The launcher button and, when open, the panel; re-renders from the widget's store. */
export class App extends Component<{ context: WidgetContext }, WidgetState> {
  declare launcher: HTMLButtonElement | null;
  declare unsubscribe: () => void;

  constructor(props: { context: WidgetContext }) {
    super(props);
    this.state = props.context.store.get();
  }

  override componentDidMount(): void {
    const { store } = this.props.context;
    this.unsubscribe = store.subscribe(() => this.setState(store.get()));
  }

  override componentWillUnmount(): void {
    this.unsubscribe();
  }

  override componentDidUpdate(_: unknown, previous: WidgetState): void {
    // Closing removes the focused element with the panel; give focus back to the launcher,
    // unless the person has meanwhile moved focus somewhere on the host page.
    const active = document.activeElement;
    if (previous.open && !this.state.open && (!active || active === document.body || active === (this.base?.getRootNode() as ShadowRoot | undefined)?.host)) {
      this.launcher?.focus();
    }
  }

  render({ context }: { context: WidgetContext }, { open, user, identity }: WidgetState) {
    const setOpen = (next: boolean) => context.store.set({ open: next });
    return (
      <>
        {open ? <Panel context={context} user={user} identity={identity} onClose={() => setOpen(false)} /> : null}
        <button
          ref={(button) => void (this.launcher = button)}
          class="launcher"
          aria-label={open ? 'Close feedback' : 'Feedback'}
          aria-expanded={open}
          aria-haspopup="dialog"
          onClick={() => setOpen(!open)}
        >
          <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
            {open ? (
              <path d="M6 6l12 12M18 6 6 18" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" />
            ) : (
              <path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2h-9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z" />
            )}
          </svg>
        </button>
      </>
    );
  }
}
