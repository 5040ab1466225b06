import { render } from 'preact';
import type { WidgetConfig } from '../read-script-config.js';
import type { WidgetContext } from '../widget-state.js';
import { App } from './app.js';
import { ErrorBoundary } from './error-boundary.js';
import styles from './styles.css?inline';

/**
 * Appends `<reqio-widget>` to the body and renders into its open shadow root, so the page's
 * CSS and ours never meet. Returns the host element.
 */
export function mountWidget(context: WidgetContext, config: WidgetConfig): HTMLElement {
  const host = document.createElement('reqio-widget');
  const root = host.attachShadow({ mode: 'open' });
  let css = styles;
  // Checked, so an attribute value cannot close the rule and inject other CSS.
  if (config.accent && typeof CSS !== 'undefined' && CSS.supports('color', config.accent)) css += `:host{--reqio-accent:${config.accent}}`;
  adoptStyles(root, css, config.nonce);
  const container = document.createElement('div');
  container.className = config.position === 'bottom-left' ? 'reqio left' : 'reqio';
  root.append(container);
  document.body.append(host);
  render(
    <ErrorBoundary>
      <App context={context} />
    </ErrorBoundary>,
    container,
  );
  return host;
}

/**
 * A constructable stylesheet needs no `style-src` permission; when the page hands us a
 * nonce we use a `<style nonce>` instead, which its policy explicitly allows.
 */
function adoptStyles(root: ShadowRoot, css: string, nonce: string | null): void {
  if (!nonce && 'adoptedStyleSheets' in root) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // Older engines: fall through to a <style> element.
    }
  }
  const style = document.createElement('style');
  if (nonce) style.setAttribute('nonce', nonce);
  style.textContent = css;
  root.append(style);
}
