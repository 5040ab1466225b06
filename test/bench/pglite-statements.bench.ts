// `npm run bench:pglite-statements`: PGlite's own query() against the prepared path
// (server/src/storage/pglite-statements.ts) on one PGlite, migrated, with 500 users and 100
// requests: the same statements, interleaved (old, new, new, old, ... per round) so that the
// noise of a shared machine falls on both alike. Prints CPU µs per statement and new/old.
// BENCH_ROUNDS (default 6), BENCH_ITERATIONS per block (default 300).
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Database, Queryable } from '../../server/src/storage/database.js';
import { migrate } from '../../server/src/storage/migrate.js';
import { pgliteStatements } from '../../server/src/storage/pglite-statements.js';
import { findRequest } from '../../server/src/storage/requests/request-queries.js';
import { readIdentifyState, upsertUser } from '../../server/src/storage/users/user-queries.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
const iterations = Number(process.env.BENCH_ITERATIONS ?? 300);

const pg = await PGlite.create({ extensions: { pg_trgm } });
const statements = pgliteStatements(pg);
const oldPath: Database = {
  kind: 'pglite',
  query: async (sql, params = []) => (await pg.query<never>(sql, params as unknown[])).rows,
  transaction: (work) => pg.transaction((tx) => work({ query: async (sql, params = []) => (await tx.query<never>(sql, params as unknown[])).rows })),
  exec: async (sql) => void (await pg.exec(sql)),
  listen: () => Promise.reject(new Error('not here')),
  close: () => pg.close(),
};
const newPath: Database = {
  ...oldPath,
  query: (sql, params = []) => statements.query(sql, params),
  transaction: (work) => statements.transaction((tx) => work({ query: (sql, params = []) => tx.query(sql, params) })),
};
await migrate(oldPath);

await pg.query("insert into projects (id, name) values ('p1', 'Bench')");
for (let i = 0; i < 500; i++) {
  await pg.query('insert into users (id, project_id, external_id, plan, traits, monthly_amount) values ($1, $2, $3, $4, $5, $6)', [
    `u${i}`,
    'p1',
    `user-${i}`,
    'pro',
    { plan: 'pro', amount: 1000 + i, interval: 'month', custom: {} },
    1000 + i,
  ]);
}
for (let i = 0; i < 100; i++) {
  await pg.query('insert into requests (id, project_id, title, vote_count, monthly_revenue) values ($1, $2, $3, $4, $5)', [`r${i}`, 'p1', `Request ${i}`, i % 7, i * 100]);
}

const traits = (i: number) => ({ plan: 'pro', amount: 1000 + i, interval: 'month', custom: {} }) as never;
let n = 0;
const cases: [string, (db: Database) => Promise<unknown>][] = [
  ['select 1 (no parameters)', (db) => db.query('select 1 as one')],
  ['point select by key', (db) => findRequest(db, 'p1', `r${n++ % 100}`)],
  [
    'identify read (readIdentifyState)',
    (db) => {
      const i = n++ % 500;
      return readIdentifyState(db, { projectId: 'p1', externalId: `user-${i}`, anonymousId: undefined, email: null, name: null, plan: 'pro', traits: traits(i), rawTraits: null, monthlyMinor: 0 });
    },
  ],
  ['top 100 requests', (db) => db.query("select * from requests where project_id = $1 and status <> 'merged' order by vote_count desc, id limit $2", ['p1', 100])],
  [
    'transaction: upsert user + adjust totals',
    (db) =>
      db.transaction(async (tx: Queryable) => {
        const i = n++ % 500;
        await upsertUser(tx, { id: `u${i}`, projectId: 'p1', externalId: `user-${i}`, email: null, name: null, plan: 'pro', traits: traits(i), rawTraits: null, monthlyAmount: 1000 + i, monthlyMinor: 0 });
        await tx.query('update requests set vote_count = vote_count + $2 where id = $1 returning vote_count', [`r${i % 100}`, 0]);
      }),
  ],
];

// CPU time of this process (user + system) rather than wall time: on a shared machine the
// wait for a core would swamp the difference.
const time = async (db: Database, run: (db: Database) => Promise<unknown>) => {
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i++) await run(db);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / iterations;
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
// openPglite sets force_custom_plan; auto (a generic plan after five custom ones) for reference.
const modes = [
  ['force_custom_plan', 'plan_cache_mode force_custom_plan (as openPglite: a plan per call, as PGlite query() and pg make)'],
  ['auto', 'plan_cache_mode auto (for reference: a generic plan after five custom ones)'],
] as const;
for (const [mode, title] of modes) {
  await pg.exec(`set plan_cache_mode = ${mode}`);
  statements.forgetAll();
  console.log(`\n${title}: ${rounds} rounds × ${iterations} calls, CPU µs per call (median of rounds)`);
  console.log(`  ${'statement'.padEnd(42)} ${'query()'.padStart(9)} ${'prepared'.padStart(9)}  new/old`);
  for (const [name, run] of cases) {
    await time(oldPath, run);
    await time(newPath, run);
    const old: number[] = [];
    const prepared: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < rounds; round++) {
      let a: number;
      let b: number;
      if (round % 2 === 0) {
        a = await time(oldPath, run);
        b = await time(newPath, run);
      } else {
        b = await time(newPath, run);
        a = await time(oldPath, run);
      }
      old.push(a);
      prepared.push(b);
      ratios.push(b / a);
    }
    console.log(`  ${name.padEnd(42)} ${median(old).toFixed(0).padStart(9)} ${median(prepared).toFixed(0).padStart(9)}  ${median(ratios).toFixed(2)}× (rounds ${ratios.map((r) => r.toFixed(2)).join(' ')})`);
  }
}
await pg.close();
