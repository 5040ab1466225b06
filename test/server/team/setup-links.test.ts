import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/src/storage/database.js';
import { issueSetupLink } from '../../../server/src/team/issue-setup-link.js';
import { isSetupTokenUsable } from '../../../server/src/team/needs-first-owner.js';
import { openTestDatabase, storeKinds } from '../../helpers/test-database.js';

const tokenOf = (url: string) => new URL(url).hash.replace('#token=', '');

// Issue 13, finding 8: each restart issued another link while the old ones stayed valid.
describe.each(storeKinds)('first-run links on %s', (store) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(store);
  });
  afterAll(() => db.close());

  it('ends every earlier link when a new one is issued', async () => {
    const first = (await issueSetupLink(db, { publicUrl: 'http://localhost:3000' }))!;
    expect(await isSetupTokenUsable(db, tokenOf(first.url))).toBe(true);
    const second = (await issueSetupLink(db, { publicUrl: 'http://localhost:3000' }))!;
    expect(await isSetupTokenUsable(db, tokenOf(first.url))).toBe(false);
    expect(await isSetupTokenUsable(db, tokenOf(second.url))).toBe(true);
  });
});
