/** Reports a problem to the developer's console; the widget never throws into the host page. */
export function warn(message: string, detail?: unknown): void {
  try {
    if (detail === undefined) console.warn('[reqio] ' + message);
    else console.warn('[reqio] ' + message, detail);
  } catch {
    // A host page may have replaced console with something that throws; stay silent then.
  }
}

/**
 * Wraps a callback so that nothing it throws, or rejects with, reaches the host page's
 * `window.onerror` / `unhandledrejection` handlers: it becomes a `[reqio]` warning instead.
 */
export function guard<Args extends unknown[]>(fn: (...args: Args) => unknown, what: string): (...args: Args) => void {
  return (...args) => {
    try {
      const result = fn(...args) as { then?: unknown; catch?: (onError: (error: unknown) => void) => unknown } | undefined;
      if (result && typeof result.then === 'function' && typeof result.catch === 'function') result.catch((error) => warn(what, error));
    } catch (error) {
      warn(what, error);
    }
  };
}
