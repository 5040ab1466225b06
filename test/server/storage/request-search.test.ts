import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/src/storage/database.js';
import { toSearchQuery } from '../../../server/src/storage/requests/request-queries.js';
import { enableTrigramSearch } from '../../../server/src/storage/search/enable-trigram-search.js';
import { findSimilarRequestIds } from '../../../server/src/storage/search/similar-request-queries.js';
import { openTestDatabase, storeKinds } from '../../helpers/test-database.js';

describe('toSearchQuery', () => {
  it('keeps letters and digits only, each word a prefix, all required', () => {
    expect(toSearchQuery('Dark MODE!')).toBe('dark:* & mode:*');
    expect(toSearchQuery("it's 2FA & (SSO) | !x")).toBe('it:* & s:* & 2fa:* & sso:* & x:*');
    expect(toSearchQuery('Ünïcödé straße')).toBe('ünïcödé:* & straße:*');
    expect(toSearchQuery('!!! ... ')).toBeUndefined();
  });
});

describe.each(storeKinds)('similar titles on %s', (store) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(store);
    await db.query("insert into projects (id, name) values ('p1', 'P'), ('p2', 'Q')");
    const titles = ['Dark mode for the dashboard', 'Export to CSV', 'Slack integration', 'Dark theme for emails'];
    for (const [index, title] of titles.entries()) await db.query("insert into requests (id, project_id, title) values ($1, 'p1', $2)", [`r${index}`, title]);
    await db.query("insert into requests (id, project_id, title, status) values ('closed', 'p1', 'Dark mode closed', 'closed')");
    await db.query("insert into requests (id, project_id, title) values ('other', 'p2', 'Dark mode for the dashboard')");
  });
  afterAll(() => db.close());

  it('has pg_trgm, with a trigram index on titles', async () => {
    expect(await enableTrigramSearch(db)).toEqual(expect.any(String));
    expect(await db.query("select 1 from pg_indexes where indexname = 'requests_title_trigram' and schemaname = current_schema()")).toHaveLength(1);
  });

  it('finds titles with typos by trigrams, open ones of the project only', async () => {
    expect((await findSimilarRequestIds(db, 'p1', 'drak mode dashbaord', 5))[0]).toBe('r0');
    expect(await findSimilarRequestIds(db, 'p1', 'Dark mode', 5)).not.toContain('closed');
    expect(await findSimilarRequestIds(db, 'p1', 'Dark mode', 5)).not.toContain('other');
    expect(await findSimilarRequestIds(db, 'p1', 'completely unrelated words', 5)).toEqual([]);
  });

  it('falls back to ranked full text: any word, as a prefix', async () => {
    const ids = await findSimilarRequestIds(db, 'p1', 'dark dashb', 5, { method: 'fulltext' });
    expect(ids).toEqual(['r0', 'r3']);
    expect(await findSimilarRequestIds(db, 'p1', 'drak', 5, { method: 'fulltext' })).toEqual([]);
    expect(await findSimilarRequestIds(db, 'p1', '???', 5, { method: 'fulltext' })).toEqual([]);
  });
});
