import { PANEL_EVENT } from './panel-event.js';
import type { WidgetContext } from './widget-state.js';
import { warn } from './warn.js';

/** Mounts the panel; what the panel's file hands over through {@link PANEL_EVENT}. */
export type MountPanel = (context: WidgetContext) => void;

/** Loads a script file; resolves when it has run. */
export type LoadScript = (src: string, context: WidgetContext) => Promise<void>;

/**
 * The default {@link LoadScript}: a `<script>` inside the widget's shadow root (so no node
 * lands in the page), with the page's nonce when it gave one. From the loader's own origin,
 * so a CSP that lets widget.js in (`script-src https://REQIO_HOST`, or a nonce with
 * `'strict-dynamic'`) lets the panel in too.
 */
export const loadScript: LoadScript = (src, { root, nonce }) =>
  new Promise((resolve, reject) => {
    const script = document.createElement('script');
    // Under Trusted Types (require-trusted-types-for 'script') a plain string is refused:
    // the URL goes through a policy named "reqio" (allow it with `trusted-types reqio`).
    const types = (window as { trustedTypes?: { createPolicy(name: string, rules: object): { createScriptURL(url: string): string } } }).trustedTypes;
    script.src = types ? types.createPolicy('reqio', { createScriptURL: () => src }).createScriptURL(src) : src;
    if (nonce) script.nonce = nonce;
    script.onload = () => resolve(script.remove());
    script.onerror = () => reject(script.remove());
    root.append(script);
  });

/**
 * Returns a function that loads the panel once: on the first open, on a hint of intent, or
 * when the browser is idle, whichever comes first. A failed load is a warning and may be
 * retried by the next call; it never throws.
 */
export function createPanelLoader(src: string, context: WidgetContext, load: LoadScript = loadScript): () => Promise<boolean> {
  let pending: Promise<boolean> | null = null;
  return () =>
    (pending ??= new Promise<boolean>((resolve) => {
      let mounted = false;
      const onPanel = (event: Event) => {
        const mount = (event as CustomEvent<unknown>).detail;
        if (mounted || typeof mount !== 'function') return;
        try {
          (mount as MountPanel)(context);
          mounted = true;
        } catch (error) {
          warn('the panel failed to start', error);
        }
      };
      document.addEventListener(PANEL_EVENT, onPanel);
      const done = (failure?: unknown) => {
        document.removeEventListener(PANEL_EVENT, onPanel);
        if (!mounted) {
          warn(`the panel could not be loaded from ${src}`, failure);
          pending = null;
        }
        resolve(mounted);
      };
      load(src, context).then(() => done(), done);
    }));
}
