import { batchReads, type BatchReadsOptions } from '../../lib/batch-reads.js';
import type { Queryable } from '../../storage/database.js';
import { readIdentifyState, readIdentifyStates, type IdentifyState, type IdentifyStateKey } from '../../storage/users/user-queries.js';

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
  // A read alone (the quiet hours) takes the one-user statement: its plan is cached, where the
  // batch statement's arrays have PostgreSQL plan it again at each call (~0.2 ms).
  return { read: batchReads(async (keys) => (keys.length === 1 ? [await readIdentifyState(db, { ...keys[0]!, anonymousId: undefined })] : readIdentifyStates(db, keys)), options) };
}
