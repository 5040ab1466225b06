import { randomId } from '../lib/random-id.js';
import type { Database } from '../storage/database.js';
import { consumeSetupLink, countOwners, insertOwner, lockFirstOwner, type OwnerRecord } from '../storage/team/owner-queries.js';
import { SetupLinkError } from './errors/setup-link-error.js';
import { hashPassword } from './hash-password.js';
import { hashSetupToken } from './hash-setup-token.js';

/**
 * Creates the installation's first owner through a first-run link, spending the link. Two
 * people racing with two links cannot both become the first owner: the check and the
 * insert happen under one lock.
 */
export async function createFirstOwner(db: Database, input: { token: string; email: string; password: string }): Promise<OwnerRecord> {
  // scrypt is slow by design: hash before taking the lock.
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await lockFirstOwner(tx);
    if ((await countOwners(tx)) > 0) throw new SetupLinkError('The dashboard already has an owner: sign in instead.');
    if (!(await consumeSetupLink(tx, hashSetupToken(input.token)))) throw new SetupLinkError();
    return insertOwner(tx, { id: randomId('own'), email: input.email, role: 'admin', passwordHash });
  });
}
