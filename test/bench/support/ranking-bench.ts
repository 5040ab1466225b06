// The revenue ranking with 10,000 requests, 100,000 users and 1,000,000 votes: reading the
// kept-up-to-date totals, beside aggregating every vote on each read (what the design avoids).
import { randomBytes } from 'node:crypto';
import type { Database } from '../../../server/src/storage/database.js';
import { migrate } from '../../../server/src/storage/migrate.js';
import { openPglite } from '../../../server/src/storage/open-pglite.js';
import { openPostgres } from '../../../server/src/storage/open-postgres.js';
import { adjustTotalsForUserVotes, listRequestsWithAuthors, recomputeRequestTotals } from '../../../server/src/storage/requests/request-queries.js';

async function time(runs: number, work: () => Promise<unknown>): Promise<{ median: number; p99: number }> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    await work();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)]!, p99: samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.99))]! };
}

async function seed(db: Database): Promise<number> {
  const start = Date.now();
  await db.query(`insert into projects (id, name) values ('prj_bench', 'Bench')`);
  await db.query(`insert into users (id, project_id, external_id, monthly_amount)
    select 'u' || g, 'prj_bench', 'ext' || g, (g % 1000) * 100 from generate_series(1, 100000) g`);
  await db.query(`insert into requests (id, project_id, title) select 'r' || g, 'prj_bench', 'Request ' || g from generate_series(1, 10000) g`);
  // Ten votes per user, on ten different requests.
  await db.query(`insert into votes (request_id, project_id, user_id)
    select 'r' || (1 + ((g / 100000) * 997 + g * 7919) % 10000), 'prj_bench', 'u' || (1 + g % 100000) from generate_series(0::bigint, 999999) g`);
  await db.query('analyze');
  await recomputeRequestTotals(db, 'prj_bench');
  return Date.now() - start;
}

/** Prints the ranking query's latency on PGlite and on PostgreSQL. */
export async function rankingBench(postgresUrl: string): Promise<void> {
  console.log('\nRevenue ranking: 10,000 requests, 100,000 users, 1,000,000 votes (top 50 by monthly revenue)');
  const schema = `reqio_rank_${randomBytes(4).toString('hex')}`;
  for (const label of ['embedded (PGlite)', 'PostgreSQL'] as const) {
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
      const seeded = await seed(db);
      const [{ count }] = (await db.query<{ count: number }>('select count(*)::int as count from votes')) as [{ count: number }];
      const ranked = await time(50, () => listRequestsWithAuthors(db, 'prj_bench', { sort: 'revenue', limit: 50, offset: 0 }));
      const aggregated = await time(5, () =>
        db.query(`select r.id, count(v.request_id) as votes, coalesce(sum(u.monthly_amount), 0) as revenue
          from requests r left join votes v on v.request_id = r.id left join users u on u.id = v.user_id
          where r.project_id = 'prj_bench' group by r.id order by revenue desc limit 50`),
      );
      let user = 1;
      const revenueChange = await time(50, () => db.transaction((tx) => adjustTotalsForUserVotes(tx, `u${user++}`, 0, 100)));
      console.log(`  ${label}: seeded ${count.toLocaleString('en')} votes in ${(seeded / 1000).toFixed(1)} s`);
      console.log(`    ranked read (kept totals)     median ${ranked.median.toFixed(2)} ms, p99 ${ranked.p99.toFixed(2)} ms`);
      console.log(`    aggregating every vote        median ${aggregated.median.toFixed(0)} ms  (${(aggregated.median / ranked.median).toFixed(0)}× slower)`);
      console.log(`    one user's revenue change     median ${revenueChange.median.toFixed(2)} ms (moves it through their 10 votes)`);
    } finally {
      if (label === 'PostgreSQL') await db.query(`drop schema ${schema} cascade`);
      await db.close();
    }
  }
}
