// The panel's entry (panel-<hash>.js): hands its mount function to the loader through an
// event on document, so the two files share no global. Loaded by widget.js, never alone.
import { PANEL_EVENT } from '../panel-event.js';
import { mountPanel } from './mount-panel.js';

document.dispatchEvent(new CustomEvent(PANEL_EVENT, { detail: mountPanel }));
