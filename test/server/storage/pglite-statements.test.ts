import { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/src/storage/database.js';
import { openPglite } from '../../../server/src/storage/open-pglite.js';
import { pgliteStatements, type PgliteStatements } from '../../../server/src/storage/pglite-statements.js';

// The prepared path must give exactly what PGlite's own `query()` gives: the same rows with
// the same JS types, the same errors (codes, messages, query and params on them).

const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string; message: string }) => error.code ?? `plain: ${error.message}`,
  );

describe('prepared statements on PGlite, against PGlite.query', () => {
  let pg: PGlite;
  let statements: PgliteStatements;
  // One PGlite for the block (one takes seconds to start); each test gets a fresh table, no
  // prepared statements, no listeners, and a new pgliteStatements over it.
  beforeAll(async () => {
    pg = await PGlite.create();
    await pg.exec(`create function fail_with(code text) returns int language plpgsql as $$
      begin raise exception 'failing with %', code using errcode = code; end $$`);
  });
  afterAll(() => pg.close());
  beforeEach(async () => {
    await pg.exec('deallocate all; unlisten *; drop table if exists t');
    await pg.exec(`create table t (
      id int primary key, label text, big bigint, amount numeric, flag boolean, data jsonb,
      tags text[], ids bigint[], at timestamptz, maybe text
    )`);
    statements = pgliteStatements(pg);
  });

  const insert = 'insert into t (id, label, big, amount, flag, data, tags, ids, at, maybe) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning *';
  const at = new Date('2026-12-02T10:11:12.345Z');

  it('round-trips text, int, bigint, numeric, boolean, jsonb, text[], bigint[], timestamptz and null as PGlite does', async () => {
    const inserted = await statements.query(insert, [1, 'a "quoted", {braced} \\ label', 42n, '12.50', true, { plan: 'pro', n: [1, 2], big: 7n }, ['x', 'y, z', null, '"q"'], [1, 9007199254740993n], at, null]);
    await pg.query(insert, [2, 'a "quoted", {braced} \\ label', 42n, '12.50', true, { plan: 'pro', n: [1, 2], big: 7n }, ['x', 'y, z', null, '"q"'], [1, 9007199254740993n], at, null]);
    const viaPglite = (await pg.query<object>('select * from t where id = 2')).rows;
    expect(inserted).toStrictEqual([{ ...viaPglite[0], id: 1 }]);
    expect(inserted[0]).toStrictEqual({
      id: 1,
      label: 'a "quoted", {braced} \\ label',
      big: 42,
      amount: '12.50',
      flag: true,
      data: { plan: 'pro', n: [1, 2], big: '7' },
      tags: ['x', 'y, z', null, '"q"'],
      ids: [1, 9007199254740993n],
      at,
      maybe: null,
    });
    // Both paths read the row the other wrote the same way.
    const select = 'select * from t where id = any($1::int[]) order by id';
    expect(await statements.query(select, [[1, 2]])).toStrictEqual((await pg.query(select, [[1, 2]])).rows);
  });

  it('serialises each JS shape by the parameter type as PGlite does (strings into jsonb, numbers and dates into text, undefined as null)', async () => {
    const probes: [string, unknown[]][] = [
      ['select $1::jsonb as v', ['{"a":1}']],
      ['select $1::jsonb as v', [[1, 'two']]],
      ['select $1::text as v', [12.5]],
      ['select $1::text as v', [at]],
      ['select $1::timestamptz as v', ['2026-01-01T00:00:00Z']],
      ['select $1::timestamptz as v', [at.getTime()]],
      ['select $1::boolean as v', ['yes']],
      ['select $1::boolean as v', [0]],
      ['select $1::bigint as v', ['9007199254740993']],
      ['select $1::int as v, $2::text as w', [undefined, null]],
      ['select $1::text[] as v', [[]]],
      ['select $1::int[] as v', [[[1, 2], [3, 4]]]],
      ['select $1 as v', ['untyped']],
      ['select $1::numeric * 2 as v', [1.25]],
    ];
    for (const [sql, params] of probes) {
      expect(await statements.query(sql, params), sql).toStrictEqual((await pg.query(sql, params)).rows);
    }
    // A value PGlite's serialiser refuses fails the same way, before anything runs.
    const bad = statements.query('select $1::boolean as v', ['maybe']);
    await expect(bad).rejects.toThrow('Invalid input for boolean type');
    expect(await statements.query('select $1::boolean as v', [false])).toEqual([{ v: false }]);
  });

  it('runs statements without parameters, DDL and empty results as PGlite does', async () => {
    expect(await statements.query('select 1 as one, null::text as none', [])).toStrictEqual([{ one: 1, none: null }]);
    expect(await statements.query('create table u (id int)', [])).toEqual([]);
    expect(await statements.query('insert into u values (1), (2)', [])).toEqual([]);
    expect(await statements.query('select id from u where id > $1', [5])).toEqual([]);
    expect(await statements.query('', [])).toEqual([]);
  });

  it('throws the same errors with codes outside a transaction, and the statement stays usable', async () => {
    await statements.query(insert, [1, 'a', 1, 1, true, {}, [], [], at, null]);
    const viaPrepared = await statements.query(insert, [1, 'again', 1, 1, true, {}, [], [], at, null]).catch((error: unknown) => error);
    const viaPglite = await pg.query(insert, [1, 'again', 1, 1, true, {}, [], [], at, null]).catch((error: unknown) => error);
    expect(viaPrepared).toBeInstanceOf(Error);
    expect(viaPrepared).toMatchObject({ code: '23505', constraint: 't_pkey', query: insert, params: [1, 'again', 1, 1, true, {}, [], [], at, null] });
    expect({ ...(viaPrepared as object) }).toStrictEqual({ ...(viaPglite as object) });
    expect((viaPrepared as Error).message).toBe((viaPglite as Error).message);
    // The protocol is in step and the named statement still works.
    expect(await statements.query(insert, [2, 'b', 1, 1, true, {}, [], [], at, null])).toHaveLength(1);
    expect(await statements.query('select count(*)::int as n from t where id > $1', [0])).toEqual([{ n: 2 }]);

    expect(await codeOf(statements.query('select fail_with($1)', ['40001']))).toBe('40001');
    expect(await codeOf(statements.query('select fail_with($1)', ['23505']))).toBe('23505');
    expect(await codeOf(statements.query('selec $1', [1]))).toBe('42601');
    expect(await codeOf(statements.query('select * from nowhere where id = $1', [1]))).toBe('42P01');
    expect(await codeOf(statements.query('select $1::int as v', ['nope']))).toBe('22P02');
    expect(await codeOf(statements.query('select $1::int as v, $2::int as w', [1]))).toBe('08P01');
    const syntax = (await statements.query('selec $1', [1]).catch((error: Error) => error)) as Error;
    const syntaxViaPglite = (await pg.query('selec $1', [1]).catch((error: Error) => error)) as Error;
    expect(syntax.message).toBe(syntaxViaPglite.message);
    expect({ ...syntax }).toStrictEqual({ ...syntaxViaPglite });
  });

  it('runs a transaction of one prepared statement in two calls into the backend: BEGIN with the statement, COMMIT; one that ran nothing in none', async () => {
    const update = 'update t set label = $1 where id = $2 returning label';
    await statements.query(insert, [1, 'a', 1, 1, true, {}, [], [], at, null]);
    await statements.transaction((tx) => tx.query(update, ['warm', 1]));
    const calls: string[] = [];
    const raw = pg.execProtocolRawStream.bind(pg);
    pg.execProtocolRawStream = (message, options) => {
      calls.push(new TextDecoder().decode(message).replace(/[^ -~]+/g, ' ').trim());
      return raw(message, options);
    };
    expect(await statements.transaction((tx) => tx.query(update, ['changed', 1]))).toEqual([{ label: 'changed' }]);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatch(/begin.*reqio_\d+.*changed/);
    expect(calls[1]).toContain('commit');
    expect(await pg.query('select label from t where id = 1')).toMatchObject({ rows: [{ label: 'changed' }] });

    // A transaction that runs no statement makes no call, and the next one still begins.
    calls.length = 0;
    expect(await statements.transaction(async () => 'nothing')).toBe('nothing');
    await expect(statements.transaction(async () => Promise.reject(new Error('before any statement')))).rejects.toThrow('before any statement');
    expect(calls).toEqual([]);
    await expect(
      statements.transaction(async (tx) => {
        await tx.query(update, ['rolled back', 1]);
        throw new Error('after a statement');
      }),
    ).rejects.toThrow('after a statement');
    expect(calls).toHaveLength(2);
    expect(calls[1]).toContain('rollback');
    expect(await pg.query('select label from t where id = 1')).toMatchObject({ rows: [{ label: 'changed' }] });
  });

  it('throws the same errors with codes inside a transaction, rolls back, and the statements stay usable', async () => {
    await statements.query(insert, [1, 'a', 1, 1, true, {}, [], [], at, null]);
    const failing = statements.transaction(async (tx) => {
      await tx.query(insert, [2, 'b', 1, 1, true, {}, [], [], at, null]);
      await tx.query(insert, [1, 'duplicate', 1, 1, true, {}, [], [], at, null]);
    });
    await expect(failing).rejects.toMatchObject({ code: '23505', query: insert });
    expect(await statements.query('select id from t where id > $1 order by id', [0])).toEqual([{ id: 1 }]);

    await expect(statements.transaction((tx) => tx.query('select fail_with($1)', ['40001']))).rejects.toMatchObject({ code: '40001' });
    // After an error the transaction is aborted: the next statement says so, as with tx.query.
    let aborted = '';
    const commit = await codeOf(
      statements.transaction(async (tx) => {
        await codeOf(tx.query('select fail_with($1)', ['23505']));
        aborted = await codeOf(tx.query('select id from t where id = $1', [1]));
      }),
    );
    let abortedViaPglite = '';
    const commitViaPglite = await codeOf(
      pg.transaction(async (tx) => {
        await codeOf(tx.query('select fail_with($1)', ['23505']));
        abortedViaPglite = await codeOf(tx.query('select id from t where id = $1', [1]));
      }),
    );
    expect([aborted, commit]).toEqual(['25P02', '25P02']);
    expect([abortedViaPglite, commitViaPglite]).toEqual([aborted, commit]);

    // A statement first prepared in a transaction that rolled back is still usable.
    await expect(
      statements.transaction(async (tx) => {
        await tx.query('update t set label = $1 where id = $2', ['changed', 1]);
        throw new Error('give up');
      }),
    ).rejects.toThrow('give up');
    expect(await statements.query('select label from t where id = $1', [1])).toEqual([{ label: 'a' }]);
    expect(await statements.transaction((tx) => tx.query('update t set label = $1 where id = $2 returning label', ['changed', 1]))).toEqual([{ label: 'changed' }]);
    expect(await statements.query('select label from t where id = $1', [1])).toEqual([{ label: 'changed' }]);
  });

  it('re-prepares a statement whose result type a schema change altered (outside a transaction: retried; inside: surfaces once)', async () => {
    await statements.query(insert, [1, 'a', 1, 1, true, {}, [], [], at, null]);
    const select = 'select * from t where id = $1';
    expect(Object.keys((await statements.query<object>(select, [1]))[0]!)).not.toContain('extra');
    // Altered behind the path's back (so nothing told it): PostgreSQL refuses the cached plan.
    await pg.exec("alter table t add column extra text default 'x'");
    expect(await statements.query(select, [1])).toMatchObject([{ id: 1, extra: 'x' }]);

    await pg.exec('alter table t drop column extra');
    await expect(statements.transaction((tx) => tx.query(select, [1]))).rejects.toMatchObject({ code: '0A000' });
    expect(await statements.transaction((tx) => tx.query<object>(select, [1]))).toStrictEqual((await pg.query(select, [1])).rows);
  });

  it('forgets every prepared statement after a schema change it runs, even one rolled back', async () => {
    await statements.query(insert, [1, 'a', 1, 1, true, {}, [], [], at, null]);
    const select = 'select * from t where id = $1';
    await statements.query(select, [1]);
    expect(statements.size).toBe(2);
    await statements.transaction(async (tx) => {
      await tx.query('alter table t add column extra int', []);
      expect(statements.size).toBe(0);
      expect(await tx.query(select, [1])).toMatchObject([{ id: 1, extra: null }]);
    });
    // Inside a transaction after the change, no 0A000.
    expect(await statements.transaction((tx) => tx.query(select, [1]))).toMatchObject([{ id: 1, extra: null }]);

    await expect(
      statements.transaction(async (tx) => {
        await tx.query('alter table t drop column extra', []);
        expect(await tx.query<object>(select, [1])).not.toMatchObject([{ extra: null }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await statements.transaction((tx) => tx.query(select, [1]))).toMatchObject([{ id: 1, extra: null }]);
  });

  it('keeps at most the given number of statements prepared, closing the least recently used', async () => {
    const few = pgliteStatements(pg, 2);
    const names = async () => (await pg.query<{ statement: string }>('select statement from pg_prepared_statements order by prepare_time, name')).rows.map((row) => row.statement);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) expect(await few.query(`select $1::int + ${i} as v`, [round])).toEqual([{ v: round + i }]);
    }
    expect(few.size).toBe(2);
    // The last two used stay; the ones it closed are gone once it prepares again.
    await few.query('select $1::int + 2 as v', [0]);
    await few.query('select $1::int + 0 as v', [0]);
    expect(await names()).toEqual(['select $1::int + 2 as v', 'select $1::int + 0 as v']);
    await few.query('select $1::int + 2 as v', [0]);
    await few.query('select $1::int + 1 as v', [0]);
    expect(await names()).toEqual(['select $1::int + 2 as v', 'select $1::int + 1 as v']);
  });

  it('closes the statements it forgets', async () => {
    await statements.query('select $1::int as v', [1]);
    await statements.query('select $1::text as v', ['a']);
    statements.forgetAll();
    await statements.query('select $1::int as v', [1]);
    expect((await pg.query('select count(*)::int as n from pg_prepared_statements')).rows).toEqual([{ n: 1 }]);
  });

  it('waits for a running transaction, as pg.query does', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = statements.transaction(async (tx) => {
      await tx.query(insert, [1, 'a', 1, 1, true, {}, [], [], at, null]);
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const count = statements.query<{ n: number }>('select count(*)::int as n from t where id > $1', [0]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    await transaction;
    expect(await count).toEqual([{ n: 1 }]);
  });

  it('delivers each notification a statement sends once, in or out of a transaction, and none once unlistened or rolled back', async () => {
    const received: string[] = [];
    const other: string[] = [];
    const stop = await statements.listen('Chan', (payload) => received.push(payload));
    await statements.listen('other', (payload) => other.push(payload));
    await statements.query('select pg_notify($1, $2)', ['chan', 'hello']);
    await statements.query("select pg_notify('chan', 'no parameters')", []);
    await statements.transaction((tx) => tx.query('select pg_notify($1, $2)', ['chan', 'in a transaction']));
    await statements.transaction(async (tx) => {
      await tx.query('select pg_notify($1, $2)', ['chan', 'rolled back']);
      throw new Error('roll back');
    }).catch(() => undefined);
    await pg.query('select pg_notify($1, $2)', ['chan', 'through PGlite']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(received).toEqual(['hello', 'no parameters', 'in a transaction', 'through PGlite']);
    expect(other).toEqual([]);
    await stop();
    await statements.query('select pg_notify($1, $2)', ['chan', 'after']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(received).toHaveLength(4);
  });

  it('reads wide answers, odd column names and text as PGlite does', async () => {
    for (let i = 0; i < 300; i++) await statements.query(insert, [i, `label ${i} ${'é'.repeat(i % 5)}`, i * 1000, `${i}.5`, i % 2 === 0, { i, nested: { s: 'ü' } }, [`t${i}`], [i], at, i % 3 === 0 ? null : 'x']);
    const probes: [string, unknown[]][] = [
      ['select * from t where id >= $1 order by id', [0]],
      ['select id, label as "__proto__", big as "1", amount as "Mixed Case", id as id from t where id < $1 order by id', [5]],
      ['select $1::text as bom, $2::text as empty, $3::text as emoji', ['\ufeffstarts with a byte-order mark', '', '🐘 ok']],
      ['select 1 as a, 2 as a where $1', [true]],
    ];
    for (const [sql, params] of probes) {
      const ours = await statements.query<object>(sql, params);
      const theirs = (await pg.query<object>(sql, params)).rows;
      expect(ours, sql).toStrictEqual(theirs);
      expect(ours.map((row) => Object.keys(row)), sql).toEqual(theirs.map((row) => Object.keys(row)));
      expect(ours.map((row) => Object.getPrototypeOf(row)), sql).toEqual(theirs.map((row) => Object.getPrototypeOf(row)));
    }
  });
});

describe('the embedded store (openPglite) on prepared statements', () => {
  let db: Database;
  afterEach(() => db.close());

  it('a transaction queued behind a script sees its schema change', async () => {
    db = await openPglite(undefined);
    await db.exec('create table m (id int primary key, a text)');
    await db.query('insert into m values ($1, $2)', [1, 'a']);
    const select = 'select * from m where id = $1';
    await db.query(select, [1]);
    const script = db.exec("alter table m add column b text default 'b'");
    const queued = db.transaction((tx) => tx.query(select, [1]));
    await script;
    expect(await queued).toEqual([{ id: 1, a: 'a', b: 'b' }]);
  });

  it('plans prepared statements as PostgreSQL does (generic plan after five calls, when no dearer), with the right rows for every parameter', async () => {
    db = await openPglite(undefined);
    expect(await db.query('select current_setting($1) as mode', ['plan_cache_mode'])).toEqual([{ mode: 'auto' }]);
    // A skewed table: one project with most rows, others with one each.
    await db.exec(`create table s (id int primary key, project text not null); create index s_project on s (project);
      insert into s select g, case when g <= 900 then 'big' else 'p' || g end from generate_series(1, 1000) g; analyze s`);
    const count = 'select count(*)::int as n from s where project = $1';
    for (let i = 0; i < 12; i += 1) {
      expect(await db.query(count, ['p950'])).toEqual([{ n: 1 }]);
      expect(await db.query(count, ['big'])).toEqual([{ n: 900 }]);
      expect(await db.query(count, ['none'])).toEqual([{ n: 0 }]);
    }
  });

  it('sees a migration run through exec or through a transaction without a stale plan', async () => {
    db = await openPglite(undefined);
    await db.exec('create table m (id int primary key, a text)');
    await db.query('insert into m values ($1, $2)', [1, 'a']);
    const select = 'select * from m where id = $1';
    expect(await db.query(select, [1])).toEqual([{ id: 1, a: 'a' }]);
    await db.exec("alter table m add column b text default 'b'");
    expect(await db.transaction((tx) => tx.query(select, [1]))).toEqual([{ id: 1, a: 'a', b: 'b' }]);
    await db.transaction(async (tx) => {
      await tx.query('alter table m drop column a');
    });
    expect(await db.transaction((tx) => tx.query(select, [1]))).toEqual([{ id: 1, b: 'b' }]);
    expect(await db.query(select, [1])).toEqual([{ id: 1, b: 'b' }]);
  });

  it('keeps error codes for callers inside and outside transactions', async () => {
    db = await openPglite(undefined);
    await db.exec('create table m (id int primary key)');
    await db.query('insert into m values ($1)', [1]);
    await expect(db.query('insert into m values ($1)', [1])).rejects.toMatchObject({ code: '23505' });
    await expect(db.transaction((tx) => tx.query('insert into m values ($1)', [1]))).rejects.toMatchObject({ code: '23505' });
    await expect(db.transaction(async (tx) => {
      await tx.query('insert into m values ($1)', [2]);
      await tx.query('insert into m values ($1)', [1]);
    })).rejects.toMatchObject({ code: '23505' });
    expect(await db.query('select id from m order by id', [])).toEqual([{ id: 1 }]);
  });
});
