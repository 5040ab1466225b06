import { QUEUED_METHODS, type QueuedCall } from './types.js';
import { warn } from './warn.js';

/**
 * Replays, in order, the calls the page made through the queue stub before the script
 * loaded. Unknown entries are reported and skipped; the methods themselves never throw.
 */
export function drainQueue(queue: unknown, api: object): void {
  if (!Array.isArray(queue)) return;
  for (const entry of queue as QueuedCall[]) {
    const name = entry?.[0];
    const method = (api as Record<string, unknown>)[name];
    if ((QUEUED_METHODS as readonly string[]).includes(name) && typeof method === 'function') {
      method.apply(api, Array.prototype.slice.call(entry[1] ?? []));
    } else {
      warn(`ignored a queued call to Reqio.${String(name)}`);
    }
  }
}
