/** The widget's key-value storage, namespaced per project. Never throws. */
export interface WidgetStorage {
  get<T>(key: string): T | null;
  set(key: string, value: unknown): void;
  remove(key: string): void;
}

/**
 * Storage under `reqio:<projectId>:` in localStorage, read once per key and mirrored in
 * memory. Private modes, sandboxed iframes and full quotas make localStorage throw; then
 * the memory copy carries on alone for this page's lifetime.
 */
export function createStorage(projectId: string, backend?: Storage | null): WidgetStorage {
  const prefix = `reqio:${projectId}:`;
  const memory = new Map<string, string | null>();
  // Opened on first use, not at start-up: the first touch of localStorage on a page is a
  // synchronous trip to the browser's storage, which a visitor who never opens the widget
  // should not pay for while the host page loads.
  let store: Storage | null | undefined;
  const attempt = <T>(action: (storage: Storage) => T): T | null => {
    try {
      if (store === undefined) {
        store = null;
        // Reading window.localStorage itself throws when storage is blocked.
        store = backend === undefined ? window.localStorage : backend;
      }
      return store ? action(store) : null;
    } catch {
      return null;
    }
  };

  return {
    get<T>(key: string): T | null {
      if (!memory.has(key)) memory.set(key, attempt((s) => s.getItem(prefix + key)));
      const raw = memory.get(key);
      if (raw == null) return null;
      try {
        return JSON.parse(raw) as T;
      } catch {
        return null;
      }
    },
    set(key, value) {
      const raw = JSON.stringify(value);
      memory.set(key, raw);
      attempt((s) => s.setItem(prefix + key, raw));
    },
    remove(key) {
      memory.set(key, null);
      attempt((s) => s.removeItem(prefix + key));
    },
  };
}
