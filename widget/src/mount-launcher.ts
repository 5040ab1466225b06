import { adoptStyles } from './adopt-styles.js';
import type { Store } from './create-store.js';
import styles from './launcher.css?inline';
import type { WidgetConfig } from './read-script-config.js';
import type { WidgetState } from './widget-state.js';

const SVG = 'http://www.w3.org/2000/svg';
const CLOSED_ICON = 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2h-9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z';
const OPEN_ICON = 'M6 6l12 12M18 6 6 18';

/** The loader's DOM: the shadow root, the slot the panel renders into, and the launcher. */
export interface Launcher {
  root: ShadowRoot;
  slot: HTMLElement;
  launcher: HTMLButtonElement;
}

/**
 * Appends `<reqio-widget>` to the body with the launcher button (and its unseen-updates
 * badge) in an open shadow root, so the page's CSS and ours never meet. Plain DOM, no
 * Preact: the loader runs on every page of the host and must stay small and quick.
 */
export function mountLauncher(store: Store<WidgetState>, config: WidgetConfig): Launcher {
  const make = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string) => {
    const element = document.createElement(tag);
    if (className) element.className = className;
    return element;
  };
  const host = make('reqio-widget' as 'div');
  const root = host.attachShadow({ mode: 'open' });
  let css = styles;
  // Checked, so an attribute value cannot close the rule and inject other CSS.
  if (config.accent && typeof CSS !== 'undefined' && CSS.supports('color', config.accent)) css += `:host{--reqio-accent:${config.accent}}`;
  adoptStyles(root, css, config.nonce);

  const container = make('div', config.position === 'bottom-left' ? 'reqio left' : 'reqio');
  const slot = make('div');
  const launcher = make('button', 'launcher');
  launcher.setAttribute('aria-haspopup', 'dialog');
  // No innerHTML: a page that enforces Trusted Types would refuse it.
  const icon = document.createElementNS(SVG, 'svg');
  const path = document.createElementNS(SVG, 'path');
  for (const [name, value] of [['viewBox', '0 0 24 24'], ['width', '24'], ['height', '24'], ['aria-hidden', 'true']]) icon.setAttribute(name!, value!);
  const count = make('span', 'count');
  count.setAttribute('aria-hidden', 'true');
  icon.append(path);
  launcher.append(icon, count);
  container.append(slot, launcher);
  root.append(container);

  // One listener: each one Chromium registers costs main-thread time while the page loads.
  launcher.addEventListener('click', () => store.set({ open: !store.get().open }));

  const draw = () => {
    const { open, unseen } = store.get();
    const shown = open ? 0 : unseen;
    launcher.setAttribute('aria-expanded', String(open));
    launcher.setAttribute('aria-label', open ? 'Close feedback' : shown ? `Feedback, ${shown} new ${shown === 1 ? 'update' : 'updates'}` : 'Feedback');
    // The open icon (a cross) is stroked rather than filled: see launcher.css.
    path.setAttribute('d', open ? OPEN_ICON : CLOSED_ICON);
    count.textContent = shown ? (shown > 9 ? '9+' : String(shown)) : '';
  };
  draw();
  store.subscribe(draw);
  document.body.append(host);
  return { root, slot, launcher };
}
