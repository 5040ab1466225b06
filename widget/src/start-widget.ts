import { createEmitter } from './create-emitter.js';
import { createReqio } from './create-reqio.js';
import { createSessionClient } from './create-session-client.js';
import { createStorage } from './create-storage.js';
import { createStore } from './create-store.js';
import { createTransport } from './create-transport.js';
import { drainQueue } from './drain-queue.js';
import { createPanelLoader, type LoadScript } from './load-panel.js';
import { mountLauncher } from './mount-launcher.js';
import { findWidgetScript, readScriptConfig } from './read-script-config.js';
import type { QueuedCall, ReqioApi } from './types.js';
import { watchUpdates } from './watch-updates.js';
import { guard } from './warn.js';
import type { WidgetState } from './widget-state.js';

/** `window.Reqio` before the script loads: the queue stub, or nothing. */
export type ReqioStub = Partial<Record<string, unknown>> & { q?: QueuedCall[] };

declare global {
  interface Window {
    Reqio?: ReqioApi | ReqioStub;
  }
}

/** The panel's file name, content-hashed; filled in at build time (see widget/vite.config.ts). */
declare const __REQIO_PANEL__: string | undefined;

/** What tests replace: the network, the way the panel's file is loaded, and how long deferred work waits. */
export interface StartOptions {
  fetch?: typeof fetch;
  loadScript?: LoadScript;
  laterMs?: number;
}

/** How long after the launcher is drawn the loader waits before its deferred work. */
const LATER_MS = 2000;

const idle = (callback: () => void, timeout: number) =>
  'requestIdleCallback' in window ? requestIdleCallback(callback, { timeout }) : setTimeout(callback, 1);

/**
 * Boots the widget from its script tag: reads `data-*` once, installs `window.Reqio` in
 * place of the stub (the same object, so references the page kept keep working), replays
 * the stub's queue in order, and draws the launcher once the body exists and the page is
 * idle. The panel is a second file, fetched on the first open or when the browser is idle.
 * A second copy of the script finds `Reqio.version` and does nothing.
 */
export function startWidget(options: StartOptions = {}): void {
  const existing = window.Reqio;
  if (existing && typeof existing === 'object' && 'version' in existing) return;
  const script = findWidgetScript();
  const config = readScriptConfig(script);
  if (!config) return;

  const emitter = createEmitter();
  const store = createStore<WidgetState>({ open: false, user: null, identity: 0, unseen: 0 });
  const client = createSessionClient({
    send: createTransport(config.apiUrl, config.projectId, options.fetch),
    storage: createStorage(config.projectId),
    emit: emitter.emit,
    // A renewed session of the same user is no change of person: the lists stay as they are.
    onChange: (user) => {
      const { user: previous, identity } = store.get();
      store.set({ user, identity: user && previous?.id === user.id ? identity : identity + 1 });
    },
  });
  const api = createReqio(client, emitter, store);
  const queue = existing?.q;
  const reqio: ReqioApi = existing && typeof existing === 'object' ? Object.assign(existing, api) : api;
  delete (reqio as { q?: unknown }).q;
  window.Reqio = reqio;

  // The emails link to a page of the app with #reqio-request=<id>: open the panel on that
  // request, and take the fragment off the address so a reload does not open it again.
  const openLinked = guard(() => {
    const linked = /^#reqio-request=([^&#]+)$/.exec(location.hash)?.[1];
    if (!linked || window.Reqio !== reqio) return;
    history.replaceState(history.state, '', location.pathname + location.search);
    store.set({ open: true, linked: { id: decodeURIComponent(linked) } });
  }, 'the request link could not be read');
  openLinked();
  addEventListener('hashchange', openLinked);

  // The attribute first: calls the page queued are later in its life and win over it.
  if (config.identityToken) void client.identify(config.identityToken);
  drainQueue(queue, reqio);

  const mount = guard(() => {
    const dom = mountLauncher(store, config);
    // The panel comes from where widget.js came from, whatever data-api-url says.
    const src = new URL(typeof __REQIO_PANEL__ === 'string' ? __REQIO_PANEL__ : 'panel.js', script?.src || config.apiUrl + '/').href;
    const load = createPanelLoader(src, { ...dom, store, client, nonce: config.nonce }, options.loadScript);
    const loadPanel = guard(async () => {
      if (!(await load()) && store.get().open) store.set({ open: false });
    }, 'the panel failed to load');
    const onOpen = () => store.get().open && loadPanel();
    store.subscribe(onOpen);
    onOpen();
    emitter.emit('ready', undefined, true);
    // What can wait does, until the page has loaded and settled: fetching the panel, and
    // the first look at the person's updates (which opens localStorage).
    setTimeout(() => idle(() => (watchUpdates(client, store), loadPanel()), 5000), options.laterMs ?? LATER_MS);
  }, 'the widget failed to start');
  // Drawing waits for an idle moment, in a task of its own: evaluating the script and
  // drawing the launcher together would make one long task on a slow phone.
  const schedule = () => idle(mount, 1500);
  if (document.body) schedule();
  else document.addEventListener('DOMContentLoaded', schedule, { once: true });
}
