import { render } from 'preact';
import { adoptStyles } from '../adopt-styles.js';
import type { WidgetContext } from '../widget-state.js';
import { App } from './app.js';
import { ErrorBoundary } from './error-boundary.js';
import styles from './panel.css?inline';

/** Adds the panel's stylesheet to the widget's shadow root and renders the panel into the loader's slot. */
export function mountPanel(context: WidgetContext): void {
  adoptStyles(context.root, styles, context.nonce);
  render(
    <ErrorBoundary>
      <App context={context} />
    </ErrorBoundary>,
    context.slot,
  );
}
