import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFirstOwner } from '../../../server/src/team/create-first-owner.js';
import { issueSetupLink } from '../../../server/src/team/issue-setup-link.js';
import type { Database } from '../../../server/src/storage/database.js';
import { countOwners, deleteOwnerSession, findOwnerBySession, insertOwnerSession } from '../../../server/src/storage/team/owner-queries.js';
import { openTestDatabase, storeKinds } from '../../helpers/test-database.js';
import { setupTokenOf } from '../dashboard/dashboard-browser.js';

describe.each(storeKinds)('owners on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db.close());

  it('makes exactly one first owner when two links race', async () => {
    const links = await Promise.all([issueSetupLink(db, { publicUrl: 'http://x' }), issueSetupLink(db, { publicUrl: 'http://x' })]);
    const results = await Promise.allSettled(
      links.map((link, index) => createFirstOwner(db, { token: setupTokenOf(link!.url), email: `owner${index}@example.com`, password: 'a long enough password' })),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'forbidden', detail: { reason: 'setup_link_invalid' } });
    expect(await countOwners(db)).toBe(1);
    expect(await issueSetupLink(db, { publicUrl: 'http://x' })).toBeUndefined();
  });

  it('finds a live session by its hash only, and forgets an ended or expired one', async () => {
    const [owner] = await db.query<{ id: string; email: string }>('select id, email from owners');
    await insertOwnerSession(db, { tokenHash: 'live', ownerId: owner!.id, expiresAt: new Date(Date.now() + 60_000) });
    await insertOwnerSession(db, { tokenHash: 'old', ownerId: owner!.id, expiresAt: new Date(Date.now() - 1000) });
    expect(await findOwnerBySession(db, 'live')).toMatchObject({ id: owner!.id, email: owner!.email, role: 'admin', twoFactorSetupRequired: false });
    expect(await findOwnerBySession(db, 'live', { verified: false })).toBeUndefined();
    expect(await findOwnerBySession(db, 'old')).toBeUndefined();
    await deleteOwnerSession(db, 'live');
    expect(await findOwnerBySession(db, 'live')).toBeUndefined();
  });
});
