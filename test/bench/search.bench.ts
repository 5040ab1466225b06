// `npm run bench:search`: full-text search and similar titles over 10,000 requests, on the
// embedded store and on PostgreSQL, as p50/p95 and as a ratio to the plain first page of
// the list in the same run. Each query goes through the same storage calls the routes use.
import { randomBytes } from 'node:crypto';
import type { Database } from '../../server/src/storage/database.js';
import { migrate } from '../../server/src/storage/migrate.js';
import { openPglite } from '../../server/src/storage/open-pglite.js';
import { openPostgres } from '../../server/src/storage/open-postgres.js';
import { findRequestsWithVoted, listRequestsWithVoted, toSearchQuery } from '../../server/src/storage/requests/request-queries.js';
import { findSimilarRequestIds } from '../../server/src/storage/search/similar-request-queries.js';

const REQUESTS = 10_000;
const RUNS = 300;
const postgresUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const WORDS = `export import dashboard dark mode slack integration webhook api token login sso saml okta azure billing invoice csv pdf
report chart filter search tag label comment reply email notification mobile ios android offline sync calendar reminder
team member role permission audit log history undo template theme color font keyboard shortcut zapier salesforce hubspot
jira github gitlab bitbucket deploy preview staging branch backup restore archive share link embed widget iframe markdown`.split(/\s+/);

// A fixed pseudo-random sequence, so every run queries the same things.
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = () => WORDS[Math.floor(random() * WORDS.length)]!;

async function seedStore(db: Database): Promise<void> {
  await db.query(`insert into projects (id, name) values ('prj_bench', 'Bench')`);
  await db.query(
    `insert into requests (id, project_id, title, body, vote_count)
     select 'r' || g, 'prj_bench',
            initcap(w[1 + g % n]) || ' ' || w[1 + (g * 7) % n] || ' for ' || w[1 + (g * 13) % n] || ' ' || g,
            'We would like ' || w[1 + (g * 17) % n] || ' and ' || w[1 + (g * 19) % n] || ' so that ' || w[1 + (g * 23) % n] || ' works with ' || w[1 + (g * 29) % n] || '.',
            g % 50
     from generate_series(1, $1::int) g, (select $2::text[] as w, cardinality($2::text[]) as n) words`,
    [REQUESTS, WORDS],
  );
  await db.query('analyze');
}

async function time(work: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 20; i += 1) await work(i); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = process.hrtime.bigint();
    await work(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(RUNS * 0.5)]!, p95: samples[Math.floor(RUNS * 0.95)]! };
}

const voter = { anonymousId: 'bench_anonymous_1' };
const searches = Array.from({ length: RUNS + 20 }, (_, i) => (i % 3 === 0 ? `${pick()} ${pick()}` : i % 3 === 1 ? pick() : pick().slice(0, 4)));
const typed = Array.from({ length: RUNS + 20 }, (_, i) => {
  const title = `${pick()} ${pick()} for ${pick()}`;
  // What someone is typing: a prefix of a title, sometimes with two letters swapped.
  const prefix = title.slice(0, 8 + (i % 12));
  return i % 4 === 0 ? prefix.replace(/(\w)(\w)/, '$2$1') : prefix;
});

console.log(`Search over ${REQUESTS.toLocaleString('en')} requests: ${RUNS} queries each, p50 / p95 in ms, and p95 as a ratio to the plain first page`);
for (const label of ['embedded (PGlite)', 'PostgreSQL'] as const) {
  const schema = `reqio_search_${randomBytes(4).toString('hex')}`;
  let db: Database;
  if (label === 'PostgreSQL') {
    const admin = await openPostgres(postgresUrl);
    await admin.query(`create schema ${schema}`);
    await admin.close();
    db = await openPostgres(postgresUrl, { schema });
  } else {
    db = await openPglite(undefined);
  }
  try {
    await migrate(db);
    await seedStore(db);
    const plain = await time(() => listRequestsWithVoted(db, 'prj_bench', voter, { sort: 'top', limit: 21, offset: 0 }));
    const search = await time((i) => listRequestsWithVoted(db, 'prj_bench', voter, { sort: 'top', search: toSearchQuery(searches[i]!), limit: 21, offset: 0 }));
    const similar = await time(async (i) => findRequestsWithVoted(db, 'prj_bench', voter, await findSimilarRequestIds(db, 'prj_bench', typed[i]!, 5)));
    const similarFullText = await time(async (i) =>
      findRequestsWithVoted(db, 'prj_bench', voter, await findSimilarRequestIds(db, 'prj_bench', typed[i]!, 5, { method: 'fulltext' })),
    );
    const row = (name: string, result: { p50: number; p95: number }) =>
      console.log(`    ${name.padEnd(40)} p50 ${result.p50.toFixed(2).padStart(7)}   p95 ${result.p95.toFixed(2).padStart(7)}   ${(result.p95 / plain.p95).toFixed(1).padStart(5)}× plain`);
    console.log(`  ${label}`);
    row('list, first page (no search)', plain);
    row('search ?q= (full text, ranked)', search);
    row('similar titles (pg_trgm)', similar);
    row('similar titles (full-text fallback)', similarFullText);
  } finally {
    if (label === 'PostgreSQL') await db.query(`drop schema ${schema} cascade`);
    await db.close();
  }
}
