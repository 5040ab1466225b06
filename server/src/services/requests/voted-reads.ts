import { batchReads, type BatchReadsOptions } from '../../lib/batch-reads.js';
import type { Queryable } from '../../storage/database.js';
import { findVotedRequestIds, findVotedRequestIdsOfMany, type VotedLookup } from '../../storage/requests/request-queries.js';

/**
 * Which requests of a cached list page each caller voted for, on PostgreSQL (where votes are
 * not kept per instance), batched: the lists that reach this read together share one
 * statement (`findVotedRequestIdsOfMany`). Nothing is kept between batches: a vote committed
 * on any instance before a list's read starts is in its answer, as with a read of its own.
 */
export type VotedReads = (lookup: VotedLookup) => Promise<Set<string>>;

export function createVotedReads(db: Queryable, options: BatchReadsOptions = {}): VotedReads {
  // A read alone (the quiet hours) takes the one-caller statement, whose plan is cached.
  return batchReads(
    async (lookups) => (lookups.length === 1 ? [await findVotedRequestIds(db, lookups[0]!.voter, [...lookups[0]!.requestIds])] : findVotedRequestIdsOfMany(db, lookups)),
    options,
  );
}
