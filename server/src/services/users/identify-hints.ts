import type { ProjectMoney } from '@reqio/shared';
import type { AccountRecord } from '../../storage/accounts/account-queries.js';
import type { UserIdentity, UserRecord } from '../../storage/users/user-queries.js';

/** What this instance last learnt of a user from an identify: enough to write the next one without reading first. */
export interface IdentifyHint {
  /** The user as last answered (its id is checked by the store; the rest of an answer comes from the token). */
  user: UserRecord;
  /** The user's fields as the store held them then (the token's, as stored). */
  stored: Omit<UserIdentity, 'monthlyAmount'>;
  account: AccountRecord;
  /** The account row's version (`xmin`) then. */
  accountVersion: string;
  money: ProjectMoney;
}

/**
 * Per instance, what the last identify of each user learnt (issue 14), so an identify whose
 * token differs from it can go straight to the one-call write (`reqio_identify_user`) instead
 * of reading first. Only a hint, never trusted: the function re-checks under lock that the
 * user, their account, the account's version and the rates are still these, and writes
 * nothing when one changed (on this instance or another); the caller then reads the store.
 * Whether the user's own fields changed is compared in SQL by the function, so a stale hint
 * can cost a round trip, never mask a change. An identify whose token equals the hint takes
 * the read (the common page load, which writes nothing).
 */
export interface IdentifyHints {
  get(projectId: string, externalId: string): IdentifyHint | undefined;
  set(projectId: string, externalId: string, hint: IdentifyHint): void;
  forget(projectId: string, externalId: string): void;
  /** Drops what is known of a deleted user (their email and traits leave memory with the row). */
  forgetUser(userId: string): void;
  clear(): void;
}

// A bound on memory (an entry is about 2 KB): the users of the last while.
const MAX_ENTRIES = 10_000;

export function createIdentifyHints(maxEntries = MAX_ENTRIES): IdentifyHints {
  const hints = new Map<string, IdentifyHint>();
  const key = (projectId: string, externalId: string) => JSON.stringify([projectId, externalId]);
  return {
    get: (projectId, externalId) => hints.get(key(projectId, externalId)),
    set(projectId, externalId, hint) {
      const k = key(projectId, externalId);
      // Most recently learnt last (a Map keeps insertion order): the first is the one to drop.
      hints.delete(k);
      if (hints.size >= maxEntries) hints.delete(hints.keys().next().value!);
      hints.set(k, hint);
    },
    forget: (projectId, externalId) => void hints.delete(key(projectId, externalId)),
    forgetUser(userId) {
      for (const [k, hint] of hints) if (hint.user.id === userId) hints.delete(k);
    },
    clear: () => hints.clear(),
  };
}
