import DataLoader from 'dataloader';
import type { Queryable } from '../../storage/database.js';
import { readIdentifyStates, type IdentifyState, type IdentifyStateKey } from '../../storage/users/user-queries.js';

/**
 * The reads of no-write identifies (issue 14), batched: the identifies that reach their read
 * in the same turn of the event loop, or while `maxInFlight` batches are already with the
 * store, go to it as one statement (`readIdentifyStates`). Each read still starts after its
 * request arrived and answers from the store as it is then, exactly as a read of its own
 * would: nothing is cached, so a change made on another instance is seen as before. What a
 * batch saves is the per-statement cost on both sides (the round trip, the protocol, the
 * executor's start-up), which on a loaded two-core server was most of a page load's identify.
 */
export interface IdentifyStateReads {
  read(key: IdentifyStateKey): Promise<IdentifyState | undefined>;
}

export interface IdentifyStateReadsOptions {
  /** The most keys in one statement. */
  maxBatch?: number;
  /** Batches with the store at once; more reads wait and join the next batch. */
  maxInFlight?: number;
  /** Called with each batch's size (tests and benchmarks). */
  onBatch?: (size: number) => void;
}

export function createIdentifyStateReads(db: Queryable, options: IdentifyStateReadsOptions = {}): IdentifyStateReads {
  const maxInFlight = options.maxInFlight ?? 2;
  // Batches scheduled or with the store; a finished batch hands its place to the next waiting one.
  let active = 0;
  const waiting: (() => void)[] = [];
  const loader = new DataLoader<IdentifyStateKey, IdentifyState | undefined>(
    async (keys) => {
      options.onBatch?.(keys.length);
      try {
        return await readIdentifyStates(db, keys);
      } finally {
        const next = waiting.shift();
        if (next === undefined) active -= 1;
        else setImmediate(next);
      }
    },
    {
      cache: false,
      maxBatchSize: options.maxBatch ?? 100,
      // After the current turn's I/O callbacks (setImmediate), so identifies that arrived together share a batch.
      batchScheduleFn: (dispatch) => {
        if (active >= maxInFlight) return void waiting.push(dispatch);
        active += 1;
        setImmediate(dispatch);
      },
    },
  );
  return { read: (key) => loader.load(key) };
}
