import { warn } from './warn.js';

/** What the script tag configures, read once at start-up. */
export interface WidgetConfig {
  projectId: string;
  /** The API origin (or base URL) without a trailing slash. */
  apiUrl: string;
  identityToken: string | null;
  accent: string | null;
  position: 'bottom-right' | 'bottom-left';
  /** Given to the `<style>` the widget creates, for pages with a nonce-based style-src. */
  nonce: string | null;
}

/**
 * Reads the `data-*` attributes of the widget's script tag. The API defaults to the
 * script's own origin, so `<script src="https://HOST/widget.js">` needs nothing else.
 */
export function readScriptConfig(script: HTMLScriptElement | null): WidgetConfig | null {
  const data = script?.dataset;
  const projectId = data?.projectId?.trim();
  if (!script || !data || !projectId) {
    warn('the widget script needs data-project-id="YOUR_PROJECT_ID"');
    return null;
  }
  let apiUrl: string;
  try {
    apiUrl = data.apiUrl ? new URL(data.apiUrl, location.href).href : new URL(script.src || location.href).origin;
  } catch {
    warn('data-api-url is not a URL');
    return null;
  }
  return {
    projectId,
    apiUrl: apiUrl.replace(/\/+$/, ''),
    identityToken: data.identityToken?.trim() || null,
    accent: data.accent?.trim() || null,
    position: data.position === 'bottom-left' ? 'bottom-left' : 'bottom-right',
    // Browsers hide a script's own nonce attribute but keep the property.
    nonce: data.nonce || script.nonce || null,
  };
}

/** The widget's script element: the running script, or the first tag that configures one. */
export function findWidgetScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.dataset.projectId) return current;
  return document.querySelector<HTMLScriptElement>('script[data-project-id]');
}
