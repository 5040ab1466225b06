import type { AdminUser } from '@reqio/shared';
import type { UserRecord } from '../../storage/users/user-queries.js';

/** A user as the product team sees them: `id` is the token's `sub`. */
export const toAdminUser = (user: UserRecord): AdminUser => ({
  id: user.externalId,
  email: user.email,
  name: user.name,
  plan: user.plan,
  traits: user.traits,
  monthlyAmount: user.monthlyAmount,
  createdAt: user.createdAt,
  lastSeenAt: user.lastSeenAt,
});
