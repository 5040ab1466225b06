import DataLoader from 'dataloader';

/** Options of {@link batchReads}. */
export interface BatchReadsOptions {
  /** The most keys in one statement. */
  maxBatch?: number;
  /** Batches with the store at once; more reads wait and join the next batch. */
  maxInFlight?: number;
  /** Called with each batch's size (tests and benchmarks). */
  onBatch?: (size: number) => void;
}

/**
 * Batches one kind of read (issue 14): the reads that arrive in the same turn of the event
 * loop, or while `maxInFlight` batches are already with the store, go to it as one call of
 * `run` (one statement), which answers each key in the order given. Each read still starts
 * after its caller asked and answers from the store as it is then, exactly as a read of its
 * own would: nothing is cached, so a change made on another instance is seen as before. What
 * a batch saves is the per-statement cost on both sides (the round trip, the protocol, the
 * executor's start-up), which on a loaded two-core server is most of a small read's cost.
 * A batch whose statement fails fails each of its reads.
 */
export function batchReads<Key, Value>(run: (keys: readonly Key[]) => Promise<Value[]>, options: BatchReadsOptions = {}): (key: Key) => Promise<Value> {
  const maxInFlight = options.maxInFlight ?? 2;
  // Batches scheduled or with the store; a finished batch hands its place to the next waiting one.
  let active = 0;
  const waiting: (() => void)[] = [];
  const loader = new DataLoader<Key, Value>(
    async (keys) => {
      options.onBatch?.(keys.length);
      try {
        return await run(keys);
      } finally {
        const next = waiting.shift();
        if (next === undefined) active -= 1;
        else setImmediate(next);
      }
    },
    {
      cache: false,
      maxBatchSize: options.maxBatch ?? 100,
      // After the current turn's I/O callbacks (setImmediate), so reads that arrived together share a batch.
      batchScheduleFn: (dispatch) => {
        if (active >= maxInFlight) return void waiting.push(dispatch);
        active += 1;
        setImmediate(dispatch);
      },
    },
  );
  return (key) => loader.load(key);
}
