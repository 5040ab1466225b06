import type { Logger } from 'pino';

/** A loop that claims due items from a database outbox and works on them, a few at a time. */
export interface OutboxPoller {
  /** Starts polling; a second call does nothing. */
  start(): void;
  /** Stops claiming, lets the items in flight finish. */
  stop(): Promise<void>;
}

/**
 * The loop the webhook and email workers share: claims up to `concurrency` due items,
 * works on each in the background, claims again at once after a full batch, otherwise
 * sleeps `pollIntervalMs` (backing off up to 30 s while the store fails), and runs
 * `housekeeping` between claims. `attempt` must record its own outcome; a throw is logged
 * and the item comes due again when its lease ends.
 */
export function createOutboxPoller<T>(options: {
  logger: Logger;
  pollIntervalMs: number;
  concurrency: number;
  claim(limit: number): Promise<T[]>;
  attempt(item: T): Promise<void>;
  /** Log fields naming an item. */
  describe(item: T): Record<string, unknown>;
  housekeeping?(): Promise<void>;
  /** Runs once before the first claim. */
  beforeStart?(): Promise<void>;
  /** Subscribes to news that items are due (the change feed), so they are claimed at once; returns the unsubscribe. */
  wakeOn?(wake: () => void): () => void;
}): OutboxPoller {
  const { logger, pollIntervalMs, concurrency } = options;
  const inFlight = new Set<Promise<void>>();
  let running: Promise<void> | undefined;
  let stopping = false;
  let wake: (() => void) | undefined;
  let storeFailures = 0;
  // Set when news of due items arrives while the loop is not asleep: it claims again at once.
  let due = false;
  let unsubscribe: (() => void) | undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  async function loop(): Promise<void> {
    await options.beforeStart?.().catch((error: unknown) => logger.error({ err: error }, 'outbox worker could not prepare; going on'));
    while (!stopping) {
      const room = concurrency - inFlight.size;
      let claimed = 0;
      try {
        if (room > 0) {
          const items = await options.claim(room);
          claimed = items.length;
          for (const item of items) {
            const task = options
              .attempt(item)
              .catch((error: unknown) => logger.error({ ...options.describe(item), err: error }, 'attempt failed unexpectedly; it comes due again when its lease ends'))
              .finally(() => {
                inFlight.delete(task);
                wake?.();
              });
            inFlight.add(task);
          }
        }
        await options.housekeeping?.();
        storeFailures = 0;
      } catch (error) {
        storeFailures += 1;
        if (storeFailures === 1 || storeFailures % 60 === 0) logger.error({ err: error, failures: storeFailures }, 'worker could not read the outbox; retrying');
      }
      // A full batch means more may be due: claim again at once, unless every slot is busy.
      if (claimed > 0 && claimed === room && inFlight.size < concurrency) continue;
      if (due && storeFailures === 0) {
        due = false;
        continue;
      }
      // While the store fails, back off up to 30 s rather than hammer it.
      if (!stopping) await sleep(storeFailures === 0 ? pollIntervalMs : Math.min(30_000, pollIntervalMs * 2 ** Math.min(storeFailures, 10)));
    }
    await Promise.allSettled([...inFlight]);
  }

  return {
    start() {
      if (running !== undefined) return;
      stopping = false;
      unsubscribe = options.wakeOn?.(() => {
        if (wake !== undefined) wake();
        else due = true;
      });
      running = loop();
    },
    async stop() {
      unsubscribe?.();
      unsubscribe = undefined;
      stopping = true;
      wake?.();
      await running;
      running = undefined;
    },
  };
}
