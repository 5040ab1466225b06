import type { ReqioEventName, ReqioEvents, ReqioListener } from './types.js';
import { warn } from './warn.js';

type AnyListener = (payload: unknown) => unknown;

/** The widget's event hub: listeners run isolated, so one that throws never stops the others. */
export interface Emitter {
  on<Name extends ReqioEventName>(name: Name, listener: ReqioListener<Name>): () => void;
  off<Name extends ReqioEventName>(name: Name, listener: ReqioListener<Name>): void;
  /** Calls every listener of `name`; with `sticky`, listeners added later are called too (like `ready`). */
  emit<Name extends ReqioEventName>(name: Name, payload: ReqioEvents[Name], sticky?: boolean): void;
}

/** Creates an {@link Emitter}. */
export function createEmitter(): Emitter {
  const listeners = new Map<string, Set<AnyListener>>();
  const fired = new Map<string, unknown>();

  const call = (name: string, listener: AnyListener, payload: unknown) => {
    try {
      const result = listener(payload) as { catch?: (onError: (error: unknown) => void) => unknown } | undefined;
      if (result && typeof result.catch === 'function') result.catch((error) => warn(`a "${name}" listener failed`, error));
    } catch (error) {
      warn(`a "${name}" listener threw`, error);
    }
  };

  const off = (name: string, listener: AnyListener) => {
    listeners.get(name)?.delete(listener);
  };

  return {
    on(name, listener) {
      if (typeof listener !== 'function') {
        warn(`Reqio.on("${name}") needs a function`);
        return () => {};
      }
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set.add(listener as AnyListener));
      // A late `ready` listener still hears it, asynchronously like every other event.
      if (fired.has(name)) queueMicrotask(() => set.has(listener as AnyListener) && call(name, listener as AnyListener, fired.get(name)));
      return () => off(name, listener as AnyListener);
    },
    off: off as Emitter['off'],
    emit(name, payload, sticky) {
      if (sticky) fired.set(name, payload);
      // A copy, so a listener that unsubscribes itself does not skip its neighbour.
      for (const listener of [...(listeners.get(name) ?? [])]) call(name, listener, payload);
    },
  };
}
