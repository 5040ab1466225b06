import type { Queryable } from '../../storage/database.js';
import { findUserById } from '../../storage/users/user-queries.js';

/** Whether a session's user still exists, cached briefly so sessions need no read per request. */
export interface ActiveUserCache {
  isActive(userId: string): Promise<boolean>;
  /** Called when a user was just read or written (identify): their next session check needs no read. A deletion known here wins. */
  remember(userId: string): void;
  /** Called when a user is deleted (here, or on another instance through the change feed): their sessions end here at once. */
  forget(userId: string): void;
  /** Forgets everything known (after the change feed may have missed a deletion). */
  clear(): void;
}

/** Other instances see a deletion within `ttlMs`. */
export function createActiveUserCache(db: Queryable, ttlMs = 5_000): ActiveUserCache {
  const known = new Map<string, { active: boolean; expiresAt: number }>();
  return {
    async isActive(userId) {
      const cached = known.get(userId);
      if (cached !== undefined && cached.expiresAt > Date.now()) return cached.active;
      const active = (await findUserById(db, userId)) !== undefined;
      if (known.size > 50_000) known.clear();
      known.set(userId, { active, expiresAt: Date.now() + ttlMs });
      return active;
    },
    remember(userId) {
      if (known.get(userId)?.active === false) return;
      if (known.size > 50_000) known.clear();
      known.set(userId, { active: true, expiresAt: Date.now() + ttlMs });
    },
    forget(userId) {
      known.set(userId, { active: false, expiresAt: Date.now() + ttlMs });
    },
    clear() {
      known.clear();
    },
  };
}
