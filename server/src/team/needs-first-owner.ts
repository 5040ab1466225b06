import type { Queryable } from '../storage/database.js';
import { countOwners, isSetupLinkUsable } from '../storage/team/owner-queries.js';
import { hashSetupToken } from './hash-setup-token.js';

/** Whether the installation still waits for its first owner (the dashboard then shows set-up, not sign-in). */
export async function needsFirstOwner(db: Queryable): Promise<boolean> {
  return (await countOwners(db)) === 0;
}

/** Whether a first-run link would still work, so the set-up page can say so before a password is typed. */
export async function isSetupTokenUsable(db: Queryable, token: string): Promise<boolean> {
  return (await needsFirstOwner(db)) && (await isSetupLinkUsable(db, hashSetupToken(token)));
}
