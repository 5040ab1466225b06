/**
 * The panel's file announces itself with this event on `document`, its detail the function
 * that mounts it; the loader listens while the file loads. No global is involved.
 */
export const PANEL_EVENT = 'reqio:panel';
