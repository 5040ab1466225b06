import { batchReads, type BatchReadsOptions } from '../../lib/batch-reads.js';
import type { Queryable } from '../../storage/database.js';
import { readIdentifyStates, type IdentifyState, type IdentifyStateKey } from '../../storage/users/user-queries.js';

/**
 * The reads of no-write identifies without an anonymous id (the common page load), batched
 * (`batchReads`: one `readIdentifyStates` statement for the identifies that reach their read
 * together). Nothing is kept between batches, so a change made on another instance is seen
 * as it was with a read of its own.
 */
export interface IdentifyStateReads {
  read(key: IdentifyStateKey): Promise<IdentifyState | undefined>;
}

export function createIdentifyStateReads(db: Queryable, options: BatchReadsOptions = {}): IdentifyStateReads {
  return { read: batchReads((keys) => readIdentifyStates(db, keys), options) };
}
