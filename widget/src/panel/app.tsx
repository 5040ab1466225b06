import { Component } from 'preact';
import type { WidgetContext, WidgetState } from '../widget-state.js';
import { Panel } from './panel.js';

// Stateful components are classes: Preact's core handles them, and leaving out
// preact/hooks keeps about 1 KB (gzip) off the panel.

/** The panel while the store says it is open; re-renders from the widget's store. */
export class App extends Component<{ context: WidgetContext }, WidgetState> {
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
    const { launcher, root } = this.props.context;
    if (previous.open && !this.state.open && (!active || active === document.body || active === root.host)) launcher.focus();
  }

  render({ context }: { context: WidgetContext }, state: WidgetState) {
    return state.open ? <Panel context={context} state={state} onClose={() => context.store.set({ open: false })} /> : null;
  }
}
