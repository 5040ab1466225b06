import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/src/storage/database.js';
import { migrate } from '../../../server/src/storage/migrate.js';
import { openTestDatabase, storeKinds } from '../../helpers/test-database.js';

describe.each(storeKinds)('migrations on %s', (store) => {
  let db: Database;
  afterEach(() => db.close());

  it('are applied once and recorded', async () => {
    db = await openTestDatabase(store);
    expect(await migrate(db)).toEqual([]);
    const rows = await db.query<{ version: number }>('select version from schema_migrations order by version');
    expect(rows.map((row) => row.version)[0]).toBe(1);
  });

  it('roll back a migration that fails, leaving no trace', async () => {
    db = await openTestDatabase(store);
    await expect(migrate(db, [{ version: 999, name: 'broken', sql: 'create table half_done (id int);\nselect * from no_such_table;' }])).rejects.toThrow();
    expect(await db.query("select 1 from schema_migrations where version = 999")).toEqual([]);
    expect(await db.query("select 1 from information_schema.tables where table_name = 'half_done'")).toEqual([]);
  });

  it('keep data consistent: a vote needs a real request, and counts cannot go negative', async () => {
    db = await openTestDatabase(store);
    await db.query("insert into projects (id, name) values ('p1', 'P')");
    await expect(db.query("insert into votes (request_id, project_id, anonymous_id) values ('nope', 'p1', 'a')")).rejects.toThrow();
    await db.query("insert into requests (id, project_id, title) values ('r1', 'p1', 'T')");
    await expect(db.query("update requests set vote_count = -1 where id = 'r1'")).rejects.toThrow();
  });
});
