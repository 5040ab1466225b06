import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/src/storage/database.js';
import { openPostgres } from '../../../server/src/storage/open-postgres.js';
import { createTestSchema } from '../../helpers/test-database.js';

// Statements with parameters are prepared once per connection (issue 14). A migration that
// changes a table under a prepared `select *` ("cached plan must not change result type")
// must not fail a call: the connection is dropped and the statement runs again.
describe.runIf(process.env.TEST_DATABASE_URL)('prepared statements on PostgreSQL', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let db: Database;
  let other: Database;

  beforeAll(async () => {
    schema = await createTestSchema();
    db = await openPostgres(process.env.TEST_DATABASE_URL!, { schema: schema.name, max: 3 });
    // Another instance's pool on the same schema, which runs the "migration".
    other = await openPostgres(process.env.TEST_DATABASE_URL!, { schema: schema.name, max: 1 });
    await db.exec('create table things (id int primary key, name text); insert into things values (1, $$one$$), (2, $$two$$)');
  });
  afterAll(async () => {
    await db?.close();
    await other?.close();
    await schema?.drop();
  });

  it('answers the same prepared statement on every connection, then again after another instance adds a column', async () => {
    // Prepare the statement on all three connections of the pool.
    const before = await Promise.all([1, 2, 1].map((id) => db.query<{ id: number; name: string }>('select * from things where id = $1', [id])));
    expect(before.map(([row]) => row?.name)).toEqual(['one', 'two', 'one']);
    await other.exec('alter table things add column colour text default $$red$$');
    const after = await Promise.all([1, 2, 1].map((id) => db.query<{ name: string; colour: string }>('select * from things where id = $1', [id])));
    expect(after.map(([row]) => [row?.name, row?.colour])).toEqual([['one', 'red'], ['two', 'red'], ['one', 'red']]);
  });

  it('runs a transaction again when its prepared statement went stale', async () => {
    await db.transaction((tx) => tx.query('select * from things where id = $1 for update', [1]));
    await other.exec('alter table things add column size int default 3');
    let runs = 0;
    const rows = await db.transaction(async (tx) => {
      runs += 1;
      await tx.query('update things set name = $2 where id = $1', [2, 'deux']);
      return tx.query<{ name: string; size: number }>('select * from things where id = $1 for update', [1]);
    });
    expect(rows[0]).toMatchObject({ name: 'one', size: 3 });
    expect(runs).toBeGreaterThanOrEqual(1);
    expect((await db.query<{ name: string }>('select name from things where id = $1', [2]))[0]?.name).toBe('deux');
  });

  it('keeps the simple protocol for a script without parameters, and a failed statement leaves the connection usable', async () => {
    await db.query('create table more (id int); insert into more values (1)');
    await expect(db.query('insert into things (id, name) values ($1, $2)', [1, 'dup'])).rejects.toMatchObject({ code: '23505' });
    const rows = await Promise.all([1, 2, 3].map(() => db.query<{ n: number }>('select count(*)::int as n from more where id = $1', [1])));
    expect(rows.map(([row]) => row?.n)).toEqual([1, 1, 1]);
  });
});
