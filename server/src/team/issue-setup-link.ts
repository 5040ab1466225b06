import { randomBytes } from 'node:crypto';
import type { Queryable } from '../storage/database.js';
import { insertSetupLink } from '../storage/team/owner-queries.js';
import { hashSetupToken } from './hash-setup-token.js';
import { needsFirstOwner } from './needs-first-owner.js';

/** A first-run link: where the first owner creates their account. */
export interface SetupLink {
  url: string;
  expiresAt: Date;
}

/**
 * Issues a one-time first-run link while the installation has no owner (undefined once it
 * has one). The token rides in the URL's fragment, which browsers never send, so it
 * reaches no access log or proxy; the set-up page posts it in a body. Each link works once,
 * until `ttlSeconds` pass or any owner exists.
 */
export async function issueSetupLink(db: Queryable, options: { publicUrl: string; ttlSeconds?: number }): Promise<SetupLink | undefined> {
  if (!(await needsFirstOwner(db))) return undefined;
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + (options.ttlSeconds ?? 3600) * 1000);
  await insertSetupLink(db, { tokenHash: hashSetupToken(token), expiresAt });
  return { url: `${options.publicUrl}/dashboard/setup#token=${token}`, expiresAt };
}
