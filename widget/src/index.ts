// The loader's entry (widget.js): everything runs inside a try, so a failure is a warning
// on the console and never an exception in the host page.
import { startWidget } from './start-widget.js';
import { warn } from './warn.js';

try {
  startWidget();
} catch (error) {
  warn('the widget failed to start', error);
}
