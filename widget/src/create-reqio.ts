import type { Emitter } from './create-emitter.js';
import type { SessionClient } from './create-session-client.js';
import type { Store } from './create-store.js';
import type { ReqioApi } from './types.js';
import type { WidgetState } from './widget-state.js';

declare const __REQIO_VERSION__: string | undefined;

/**
 * Builds `window.Reqio`. None of these can throw: the client and the emitter check their
 * arguments and turn every failure into a `[reqio]` warning or an event.
 */
export function createReqio(client: SessionClient, emitter: Emitter, store: Store<WidgetState>): ReqioApi {
  return {
    version: typeof __REQIO_VERSION__ === 'string' ? __REQIO_VERSION__ : 'dev',
    identify: client.identify,
    reset: client.reset,
    open: () => store.set({ open: true }),
    close: () => store.set({ open: false }),
    on: emitter.on,
    off: emitter.off,
  };
}
