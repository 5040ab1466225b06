import type { Database, Queryable } from './database.js';

/** The channel every instance on one store listens on. */
export const CHANGES_CHANNEL = 'reqio_changes';

/** A change other instances must see at once (CONTRACT §5: within 1 s). */
export type StoreChange =
  /** A project's key ring, settings or session epoch changed (rotation, grace ended, settings). */
  | { type: 'project'; projectId: string }
  /**
   * A project's requests, votes or comments changed: cached widget list pages of it are
   * stale (`origin`: the instance that wrote, which dropped its own pages already).
   */
  | { type: 'requests'; projectId: string; origin?: string }
  /** A user was deleted: their sessions end (`userId` is the internal id). */
  | { type: 'user_deleted'; userId: string }
  /** Outbox rows are due (webhook deliveries; later emails): wake the workers. */
  | { type: 'outbox' };

/** What subscribers get: a change, or `resync` when some may have been missed (drop caches). */
export type ChangeEvent = StoreChange | { type: 'resync' };

/** Store changes as they commit, on every instance; polling stays the fallback. */
export interface ChangeFeed {
  /** Calls `listener` with each change; returns the function that unsubscribes. */
  subscribe(listener: (event: ChangeEvent) => void): () => void;
  close(): Promise<void>;
}

/**
 * Announces a change to every instance (this one included) when `q`'s transaction commits,
 * and never if it rolls back: NOTIFY is transactional.
 */
export async function announceChange(q: Queryable, change: StoreChange): Promise<void> {
  await q.query('select pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(change)]);
}

function parseChange(payload: string): StoreChange | undefined {
  try {
    const change = JSON.parse(payload) as Partial<StoreChange> & Record<string, unknown>;
    if (change.type === 'project' && typeof change.projectId === 'string') return { type: 'project', projectId: change.projectId };
    if (change.type === 'requests' && typeof change.projectId === 'string') {
      return { type: 'requests', projectId: change.projectId, ...(typeof change.origin === 'string' && { origin: change.origin }) };
    }
    if (change.type === 'user_deleted' && typeof change.userId === 'string') return { type: 'user_deleted', userId: change.userId };
    if (change.type === 'outbox') return { type: 'outbox' };
  } catch {
    // not ours
  }
  return undefined;
}

/**
 * Opens the change feed: PostgreSQL LISTEN/NOTIFY on a dedicated, reconnecting connection
 * (several instances), or PGlite's in-process notifications (one process).
 */
export async function openChangeFeed(db: Pick<Database, 'listen'>): Promise<ChangeFeed> {
  const listeners = new Set<(event: ChangeEvent) => void>();
  const dispatch = (event: ChangeEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // one subscriber's failure must not starve the others
      }
    }
  };
  const stop = await db.listen(
    CHANGES_CHANNEL,
    (payload) => {
      const change = parseChange(payload);
      if (change !== undefined) dispatch(change);
    },
    () => dispatch({ type: 'resync' }),
  );
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      await stop();
    },
  };
}
