import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/src/storage/database.js';
import { migrate, splitStatements } from '../../../server/src/storage/migrate.js';
import { migrations } from '../../../server/src/storage/migrations/index.js';
import { openPglite } from '../../../server/src/storage/open-pglite.js';
import { recomputeRequestTotals } from '../../../server/src/storage/requests/request-queries.js';
import { openTestDatabase, storeKinds } from '../../helpers/test-database.js';

describe('splitStatements', () => {
  it('splits on semicolons that end a line, never inside a dollar-quoted body', () => {
    const script = `create table t (id int);
create function f() returns trigger language plpgsql as $$
begin
  insert into t values (1);
  return null;
end
$$;
create function g() returns trigger language plpgsql as $$ begin raise exception 'x; y'; end $$;
select 1;`;
    expect(splitStatements(script)).toEqual([
      'create table t (id int)',
      'create function f() returns trigger language plpgsql as $$\nbegin\n  insert into t values (1);\n  return null;\nend\n$$',
      "create function g() returns trigger language plpgsql as $$ begin raise exception 'x; y'; end $$",
      'select 1',
    ]);
  });
});

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

  it("delete a project's votes with the project, through its requests (votes.project_id has no key of its own)", async () => {
    db = await openTestDatabase(store);
    await db.query("insert into projects (id, name) values ('p1', 'P'), ('p2', 'Q')");
    await db.query("insert into requests (id, project_id, title) values ('r1', 'p1', 'T'), ('r2', 'p2', 'U')");
    await db.query("insert into votes (request_id, project_id, anonymous_id) values ('r1', 'p1', 'a'), ('r2', 'p2', 'a')");
    expect(await db.query("select 1 from information_schema.table_constraints where table_schema = current_schema() and constraint_name = 'votes_project_id_fkey'")).toEqual([]);
    await db.query("delete from projects where id = 'p1'");
    expect(await db.query('select request_id from votes')).toEqual([{ request_id: 'r2' }]);
  });

  // The same SQL runs on both stores; PGlite is enough to start from an older schema.
  it.skipIf(store !== 'pglite')('make every existing user an account of one (migration 4), with the voter counts and totals the oracle agrees with', async () => {
    db = await openPglite(undefined);
    await migrate(db, migrations.filter((migration) => migration.version < 4));
    await db.query("insert into projects (id, name) values ('p1', 'P')");
    await db.query(`insert into users (id, project_id, external_id, plan, traits, monthly_amount) values
      ('u1', 'p1', 'ada', 'pro', '{"plan":"pro","amount":4900,"interval":"month","custom":{"seats":3}}', 4900),
      ('u2', 'p1', 'bob', null, '{"custom":{}}', 0)`);
    await db.query("insert into requests (id, project_id, title, vote_count, monthly_revenue) values ('r1', 'p1', 'T', 3, 4900)");
    await db.query("insert into votes (request_id, project_id, user_id, anonymous_id) values ('r1', 'p1', 'u1', null), ('r1', 'p1', 'u2', null), ('r1', 'p1', null, 'anon_1234')");
    await migrate(db);
    const accounts = await db.query<{ kind: string; external_id: string; plan: string | null; amount: string | number | null; billing_interval: string | null; traits: unknown; monthly_amount: string | number }>(
      'select kind, external_id, plan, amount, billing_interval, traits, monthly_amount from accounts order by external_id',
    );
    expect(accounts.map((a) => ({ ...a, amount: a.amount === null ? null : Number(a.amount), monthly_amount: Number(a.monthly_amount) }))).toEqual([
      { kind: 'user', external_id: 'ada', plan: 'pro', amount: 4900, billing_interval: 'month', traits: { seats: 3 }, monthly_amount: 4900 },
      { kind: 'user', external_id: 'bob', plan: null, amount: null, billing_interval: null, traits: {}, monthly_amount: 0 },
    ]);
    expect(await db.query('select count(*)::int as n from users where account_id is null')).toEqual([{ n: 0 }]);
    expect(await db.query("select account_count from requests where id = 'r1'")).toEqual([{ account_count: 2 }]);
    expect(await recomputeRequestTotals(db, 'p1')).toBe(0);
  });

  it.skipIf(store !== 'pglite')('move search out of requests (migration 9): what was searchable stays searchable', async () => {
    db = await openPglite(undefined);
    await migrate(db, migrations.filter((migration) => migration.version < 9));
    await db.query("insert into projects (id, name) values ('p1', 'P')");
    await db.query("insert into requests (id, project_id, title, body, vote_count) values ('r1', 'p1', 'Dark mode', 'for late nights', 2), ('r2', 'p1', 'Export to CSV', '', 0)");
    expect(await migrate(db)).toEqual(migrations.filter((migration) => migration.version >= 9).map((migration) => migration.version));
    expect(await db.query("select 1 from information_schema.columns where table_name = 'requests' and column_name = 'search_vector'")).toEqual([]);
    expect(await db.query('select request_id, title from request_search order by request_id')).toEqual([
      { request_id: 'r1', title: 'Dark mode' },
      { request_id: 'r2', title: 'Export to CSV' },
    ]);
    const [hit] = await db.query<{ request_id: string }>("select request_id from request_search where search_vector @@ to_tsquery('english', 'night:*')");
    expect(hit).toEqual({ request_id: 'r1' });
  });
});
