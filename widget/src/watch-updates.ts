import type { UpdatesResponse } from '@reqio/shared';
import type { SessionClient } from './create-session-client.js';
import type { Store } from './create-store.js';
import type { WidgetState } from './widget-state.js';

/**
 * Keeps `unseen` (the launcher's badge) current: asks `GET /updates` now, whenever the
 * person changes, and when the page comes back into view. A first-time visitor (no session,
 * no anonymous id) has nothing to hear about, so no call is made for them.
 */
export function watchUpdates(client: SessionClient, store: Store<WidgetState>): void {
  let asked = -1;
  const check = () => {
    const { identity } = store.get();
    asked = identity;
    if (!client.known()) return store.set({ unseen: 0 });
    client
      .request<UpdatesResponse>('GET', '/updates')
      // Only if the person is still the one asked about; a failure (or an odd answer) leaves the badge as it was.
      .then((answer) => store.get().identity === identity && store.set({ unseen: answer.updates.length }))
      .catch(() => {});
  };
  check();
  store.subscribe(() => asked !== store.get().identity && check());
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && check());
}
