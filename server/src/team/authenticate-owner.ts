import type { Queryable } from '../storage/database.js';
import { findOwnerByEmail, findOwnerById, type OwnerRecord } from '../storage/team/owner-queries.js';
import { InvalidCredentialsError } from './errors/invalid-credentials-error.js';
import { UNKNOWN_OWNER_HASH, verifyPassword } from './hash-password.js';

/**
 * The owner with this email (or id) and password, or 401 `credentials_invalid`. An unknown
 * owner still costs one scrypt, so the answer's timing does not tell which emails exist.
 */
export async function authenticateOwner(db: Queryable, who: { email: string } | { ownerId: string }, password: string): Promise<OwnerRecord> {
  const owner = 'email' in who ? await findOwnerByEmail(db, who.email) : await findOwnerById(db, who.ownerId);
  const matches = await verifyPassword(password, owner?.passwordHash ?? UNKNOWN_OWNER_HASH);
  if (owner === undefined || !matches) {
    throw new InvalidCredentialsError('email' in who ? 'The email or password is not right.' : 'The password is not right.');
  }
  return owner;
}
