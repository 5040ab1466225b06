import type { SessionClient } from './create-session-client.js';
import type { Store } from './create-store.js';
import type { WidgetUser } from './types.js';

/** What the UI renders from. */
export interface WidgetState {
  open: boolean;
  user: WidgetUser | null;
  /** Bumped whenever the person the widget acts for changes, so lists reload. */
  identity: number;
}

/** Everything the Preact tree needs from the runtime. */
export interface WidgetContext {
  store: Store<WidgetState>;
  client: SessionClient;
}
