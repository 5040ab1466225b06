import { createEmitter } from './create-emitter.js';
import { createReqio } from './create-reqio.js';
import { createSessionClient } from './create-session-client.js';
import { createStorage } from './create-storage.js';
import { createStore } from './create-store.js';
import { createTransport } from './create-transport.js';
import { drainQueue } from './drain-queue.js';
import { findWidgetScript, readScriptConfig } from './read-script-config.js';
import type { QueuedCall, ReqioApi } from './types.js';
import { mountWidget } from './ui/mount-widget.js';
import { guard } from './warn.js';
import type { WidgetState } from './widget-state.js';

/** `window.Reqio` before the script loads: the queue stub, or nothing. */
export type ReqioStub = Partial<Record<string, unknown>> & { q?: QueuedCall[] };

declare global {
  interface Window {
    Reqio?: ReqioApi | ReqioStub;
  }
}

/**
 * Boots the widget from its script tag: reads `data-*` once, installs `window.Reqio` in
 * place of the stub (the same object, so references the page kept keep working), replays
 * the stub's queue in order, and mounts the UI once the body exists and the page is idle.
 * A second copy of the script finds `Reqio.version` and does nothing.
 */
export function startWidget(fetchImpl?: typeof fetch): void {
  const existing = window.Reqio;
  if (existing && typeof existing === 'object' && 'version' in existing) return;
  const config = readScriptConfig(findWidgetScript());
  if (!config) return;

  const emitter = createEmitter();
  const store = createStore<WidgetState>({ open: false, user: null, identity: 0 });
  const client = createSessionClient({
    send: createTransport(config.apiUrl, config.projectId, fetchImpl),
    storage: createStorage(config.projectId),
    emit: emitter.emit,
    onChange: (user) => store.set({ user, identity: store.get().identity + 1 }),
  });
  const api = createReqio(client, emitter, store);
  const queue = existing?.q;
  const reqio: ReqioApi = existing && typeof existing === 'object' ? Object.assign(existing, api) : api;
  delete (reqio as { q?: unknown }).q;
  window.Reqio = reqio;

  // The attribute first: calls the page queued are later in its life and win over it.
  if (config.identityToken) void client.identify(config.identityToken);
  drainQueue(queue, reqio);

  const mount = guard(() => {
    mountWidget({ store, client }, config);
    emitter.emit('ready', undefined, true);
  }, 'the widget failed to start');
  // Rendering waits for an idle moment, in a task of its own: evaluating the script and
  // drawing the launcher together would make one long task on a slow phone.
  const schedule = () => ('requestIdleCallback' in window ? requestIdleCallback(mount, { timeout: 1500 }) : setTimeout(mount, 1));
  if (document.body) schedule();
  else document.addEventListener('DOMContentLoaded', schedule, { once: true });
}
