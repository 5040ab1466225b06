import type { SessionClient } from './create-session-client.js';
import type { Store } from './create-store.js';
import type { WidgetUser } from './types.js';

/** What the launcher and the panel render from. */
export interface WidgetState {
  open: boolean;
  user: WidgetUser | null;
  /** Bumped whenever the person the widget acts for changes, so lists reload. */
  identity: number;
  /** Updates the person has not seen (`GET /updates`): the launcher's badge. */
  unseen: number;
  /** A request the panel opens on: from a `#reqio-request=<id>` link (the emails' link); a new object per link. */
  linked?: { id: string } | null;
}

/** Everything the panel needs from the loader, handed over when the panel's file has run. */
export interface WidgetContext {
  store: Store<WidgetState>;
  client: SessionClient;
  /** The widget's shadow root: the panel adds its stylesheet here. */
  root: ShadowRoot;
  /** The element the panel renders into, inside the themed container. */
  slot: HTMLElement;
  /** Focus goes back here when the panel closes. */
  launcher: HTMLButtonElement;
  nonce: string | null;
}
