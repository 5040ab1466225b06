import type { ProjectMoney } from '@reqio/shared';
import type { AccountRecord } from '../../storage/accounts/account-queries.js';
import type { Database } from '../../storage/database.js';
import { watchIdentityChanges } from '../../storage/users/identity-change-triggers.js';
import type { UserRecord } from '../../storage/users/user-queries.js';

/** What a no-write identify read from the store: the user (whose fields equal the key's), their account and the project's money. */
export interface CachedIdentityState {
  user: UserRecord;
  account: AccountRecord;
  /** The account row's version (`xmin`) as read. */
  accountVersion: string;
  money: ProjectMoney;
}

/**
 * The last no-write identify's state per token content, so the next page load with the same
 * claims needs no read. Only where it is provably current: on the embedded store, which one
 * process holds, every write that could change such a state (users, accounts, project money,
 * anonymous ids, anything written under an anonymous id) empties it as it commits, through
 * triggers (identity-change-triggers.ts). On PostgreSQL another instance's change could not
 * be seen in time, so there is no cache and every identify reads the store.
 */
export interface IdentityStateCache {
  get(key: string): CachedIdentityState | undefined;
  /** Taken before the read whose state is then `set`: a change committed in between keeps it out. */
  generation(): number;
  set(key: string, state: CachedIdentityState, generation: number): void;
  close(): Promise<void>;
}

// last_seen_at is written at most once an hour: a state is kept until its user's is an hour old.
const SEEN_EVERY_MS = 3_600_000;
// A bound on memory (an entry is a user, an account and its key, about 2 KB): the users of the last while.
const MAX_ENTRIES = 10_000;

/** The cache for `db`, or undefined on PostgreSQL (see {@link IdentityStateCache}). */
export async function createIdentityStateCache(db: Database): Promise<IdentityStateCache | undefined> {
  if (db.kind !== 'pglite') return undefined;
  const states = new Map<string, { state: CachedIdentityState; expiresAt: number }>();
  let generation = 0;
  const unwatch = await watchIdentityChanges(db, () => {
    generation += 1;
    states.clear();
  });
  return {
    get(key) {
      const entry = states.get(key);
      if (entry === undefined) return undefined;
      if (entry.expiresAt > Date.now()) return entry.state;
      states.delete(key);
      return undefined;
    },
    generation: () => generation,
    set(key, state, readAt) {
      if (readAt !== generation) return;
      const expiresAt = Date.parse(state.user.lastSeenAt) + SEEN_EVERY_MS;
      if (!(expiresAt > Date.now())) return;
      if (states.size >= MAX_ENTRIES) states.clear();
      states.set(key, { state, expiresAt });
    },
    close: unwatch,
  };
}
