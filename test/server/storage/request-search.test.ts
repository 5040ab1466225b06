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

  it('has pg_trgm, with a trigram GiST index on titles, in request_search, not requests', async () => {
    expect(await enableTrigramSearch(db)).toEqual(expect.any(String));
    const indexes = await db.query<{ tablename: string; indexname: string }>(
      "select tablename, indexname from pg_indexes where schemaname = current_schema() and tablename in ('requests', 'request_search') and indexdef ~* 'using (gin|gist)' order by indexname",
    );
    expect(indexes).toEqual([
      { tablename: 'request_search', indexname: 'request_search_title_trigram' },
      { tablename: 'request_search', indexname: 'request_search_vector' },
    ]);
  });

  it('keeps request_search in step with titles and bodies; a change of totals leaves it alone', async () => {
    await db.query("insert into requests (id, project_id, title, body) values ('kept', 'p1', 'Invoices in PDF', 'with our logo')");
    const searchRow = () => db.query<{ title: string; xmin: string }>("select title, xmin::text as xmin from request_search where request_id = 'kept'");
    const [before] = await searchRow();
    expect(before!.title).toBe('Invoices in PDF');
    expect(await findSimilarRequestIds(db, 'p1', 'logo', 5, { method: 'fulltext' })).toEqual(['kept']);

    // A vote's update of the totals: the search row is not rewritten (same xmin).
    await db.query("update requests set vote_count = vote_count + 1, monthly_revenue = monthly_revenue + 4900, account_count = account_count + 1 where id = 'kept'");
    expect(await searchRow()).toEqual([before]);

    await db.query("update requests set title = 'Invoices as PDF files', body = 'branded' where id = 'kept'");
    expect((await searchRow())[0]!.title).toBe('Invoices as PDF files');
    expect(await findSimilarRequestIds(db, 'p1', 'logo', 5, { method: 'fulltext' })).toEqual([]);
    expect(await findSimilarRequestIds(db, 'p1', 'branded', 5, { method: 'fulltext' })).toEqual(['kept']);
    expect((await findSimilarRequestIds(db, 'p1', 'invoices as pdf', 5))[0]).toBe('kept');

    await db.query("delete from requests where id = 'kept'");
    expect(await searchRow()).toEqual([]);
  });

  it("writes this store's table from a session with another search_path", async () => {
    const [{ schema }] = (await db.query<{ schema: string }>('select current_schema() as schema')) as [{ schema: string }];
    await db.transaction(async (tx) => {
      await tx.query('set local search_path = pg_catalog');
      await tx.query(`insert into "${schema}".requests (id, project_id, title) values ('elsewhere', 'p1', 'Written from psql')`);
    });
    expect(await db.query("select title from request_search where request_id = 'elsewhere'")).toEqual([{ title: 'Written from psql' }]);
    await db.query("delete from requests where id = 'elsewhere'");
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
