// The revenue ranking with 10,000 requests, 20,000 paying accounts of 100,000 users and
// 1,000,000 votes: reading the kept-up-to-date totals (beside aggregating every vote on each
// read, what the design avoids), one company's revenue change moving through its requests,
// and a rate change re-weighing the 10,000 accounts that bill in euros.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { changeProjectMoney } from '../../../server/src/services/accounts/change-project-money.js';
import { verifyIdentityToken } from '../../../server/src/identity/verify-identity-token.js';
import { writeIdentify } from '../../../server/src/services/users/identify-user.js';
import { createWebhookOutbox } from '../../../server/src/webhooks/create-webhook-outbox.js';
import type { Database } from '../../../server/src/storage/database.js';
import { migrate } from '../../../server/src/storage/migrate.js';
import { openPglite } from '../../../server/src/storage/open-pglite.js';
import { openPostgres } from '../../../server/src/storage/open-postgres.js';
import { listRequestsWithAuthors, recomputeRequestTotals } from '../../../server/src/storage/requests/request-queries.js';
import { AUDIENCE, claims, SECRET, signRaw } from '../../helpers/tokens.js';

const ACCOUNTS = 20_000;

// The machine may be shared: beside each wall-clock figure, how long the tasks doing the work
// (this process's threads, which run PGlite, and the bench's PostgreSQL backends) were on a
// CPU and how long they waited for one, from /proc/<pid>/schedstat (Linux; zero elsewhere).
// On-CPU time is close to what the wall clock would read on an idle machine, less I/O waits.
function schedstat(pids: readonly number[]): { run: number; wait: number } {
  const total = { run: 0, wait: 0 };
  const read = (file: string) => {
    try {
      const [run, wait] = readFileSync(file, 'utf8').split(' ').map(Number);
      total.run += run!;
      total.wait += wait!;
    } catch {
      // Gone, or not Linux.
    }
  };
  try {
    for (const task of readdirSync('/proc/self/task')) read(`/proc/self/task/${task}/schedstat`);
  } catch {
    // Not Linux.
  }
  for (const pid of pids) read(`/proc/${pid}/schedstat`);
  return total;
}

type Timing = { median: number; p95: number; max: number; cpu: number; waited: number };

async function time(runs: number, work: (run: number) => Promise<unknown>, pids: readonly number[] = []): Promise<Timing> {
  const samples: number[] = [];
  const cpu: number[] = [];
  const waited: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const before = schedstat(pids);
    const start = process.hrtime.bigint();
    await work(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    const after = schedstat(pids);
    cpu.push((after.run - before.run) / 1e6);
    waited.push((after.wait - before.wait) / 1e6);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(samples.length * q))]!;
  return { median: at(0.5), p95: at(0.95), max: samples.at(-1)!, cpu: median(cpu), waited: median(waited) };
}

const onCpu = (timing: Timing, digits: number) => `[on a CPU ${timing.cpu.toFixed(digits)} ms, waiting for one ${timing.waited.toFixed(digits)} ms (medians)]`;

/**
 * Bulk-loads the ranking's data the way a restore would, in one transaction: the votes and
 * users go in without their secondary indexes (rebuilt after, sorted, as `create index` does
 * best) and without the foreign-key triggers (the generated ids match by construction), and
 * the derived per-(request, account) voter counts and request totals are built with one
 * aggregate each instead of through the oracle's full diff. The oracle runs at the end of
 * the bench and must find nothing to fix, which checks this seed too.
 */
export async function seed(db: Database, log: (step: string, ms: number) => void = () => {}): Promise<number> {
  const start = Date.now();
  await db.transaction(async (tx) => {
    let last = Date.now();
    const step = async (name: string, sql: string) => {
      await tx.query(sql);
      log(name, Date.now() - last);
      last = Date.now();
    };
    await tx.query("set local work_mem = '64MB'");
    await tx.query("set local maintenance_work_mem = '256MB'");
    // Foreign-key checks are triggers: off for this load (replica role), the ids are generated to match.
    await tx.query('set local session_replication_role = replica');
    const indexes = await tx.query<{ name: string; definition: string }>(
      `select indexname as name, indexdef as definition from pg_indexes i
       where schemaname = current_schema() and tablename in ('users', 'votes', 'request_accounts')
         and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    );
    for (const index of indexes) await tx.query(`drop index ${index.name}`);
    log('drop indexes', Date.now() - last);
    last = Date.now();
    await step('projects', `insert into projects (id, name, exchange_rates) values ('prj_bench', 'Bench', '{"EUR": 1.08}')`);
    // Companies: every other one bills in euros (converted at 1.08, halves up as convertToProjectCurrency does).
    await step(
      'accounts',
      `insert into accounts (id, project_id, kind, external_id, name, amount, billing_interval, currency, monthly_minor, monthly_amount)
      select 'a' || g, 'prj_bench', 'company', 'c' || g, 'Company ' || g, (g % 1000) * 1000, 'month',
             case when g % 2 = 0 then 'EUR' end, (g % 1000) * 1000,
             case when g % 2 = 0 then round((g % 1000) * 1000 * 1.08) else (g % 1000) * 1000 end
      from generate_series(1, ${ACCOUNTS}) g`,
    );
    // Five people per company (u1–u5 in a1, …), each voting for other requests: ~50 per company.
    await step(
      'users',
      `insert into users (id, project_id, external_id, account_id)
      select 'u' || g, 'prj_bench', 'ext' || g, 'a' || (1 + (g - 1) / 5) from generate_series(1, 100000) g`,
    );
    await step('requests', `insert into requests (id, project_id, title) select 'r' || g, 'prj_bench', 'Request ' || g from generate_series(1, 10000) g`);
    // Ten votes per user, on ten different requests.
    await step(
      'votes',
      `insert into votes (request_id, project_id, user_id)
      select 'r' || (1 + ((g / 100000) * 997 + g * 7919) % 10000), 'prj_bench', 'u' || (1 + g % 100000) from generate_series(0::bigint, 999999) g`,
    );
    await step(
      'request_accounts',
      `insert into request_accounts (request_id, account_id, voters)
      select v.request_id, u.account_id, count(*) from votes v join users u on u.id = v.user_id group by v.request_id, u.account_id order by 1, 2`,
    );
    for (const index of indexes) await tx.query(index.definition);
    log('create indexes', Date.now() - last);
    last = Date.now();
    await step(
      'request totals',
      `update requests r set vote_count = t.votes, account_count = t.accounts, monthly_revenue = t.revenue
      from (select ra.request_id, sum(ra.voters)::int as votes, count(*)::int as accounts, sum(a.monthly_amount)::bigint as revenue
            from request_accounts ra join accounts a on a.id = ra.account_id group by ra.request_id) t
      where r.id = t.request_id`,
    );
  });
  // What autovacuum does after such a load on PostgreSQL: statistics, and the visibility map
  // (index-only scans of request_accounts). The embedded store has no autovacuum; see the notes.
  const before = Date.now();
  await db.query('vacuum (analyze) users, votes, request_accounts, requests, accounts');
  log('vacuum analyze', Date.now() - before);
  return Date.now() - start;
}

/** Prints the ranking's latencies on PGlite and on PostgreSQL. */
export async function rankingBench(postgresUrl: string): Promise<void> {
  console.log('\nRevenue ranking: 10,000 requests, 20,000 accounts of 100,000 users, 1,000,000 votes');
  const schema = `reqio_rank_${randomBytes(4).toString('hex')}`;
  // BENCH_STORE=pglite|postgres runs one store only, as in the load part.
  const labels = (['embedded (PGlite)', 'PostgreSQL'] as const).filter(
    (label) => !process.env.BENCH_STORE || process.env.BENCH_STORE === (label === 'PostgreSQL' ? 'postgres' : 'pglite'),
  );
  for (const label of labels) {
    let db: Database;
    if (label === 'PostgreSQL') {
      const admin = await openPostgres(postgresUrl);
      await admin.query(`create schema ${schema}`);
      await admin.close();
      // Named, so the bench finds its backends' process ids.
      db = await openPostgres(`${postgresUrl}${postgresUrl.includes('?') ? '&' : '?'}application_name=${schema}`, { schema });
    } else {
      db = await openPglite(undefined);
    }
    try {
      await migrate(db);
      const seeded = await seed(db);
      const [{ votes, pairs }] = (await db.query<{ votes: number; pairs: number }>(
        'select (select count(*)::int from votes) as votes, (select count(*)::int from request_accounts) as pairs',
      )) as [{ votes: number; pairs: number }];
      const backends = async () =>
        label === 'PostgreSQL'
          ? (await db.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [schema])).map((row) => row.pid)
          : [];
      const ranked = await time(100, () => listRequestsWithAuthors(db, 'prj_bench', { sort: 'revenue', limit: 50, offset: 0 }), await backends());
      const aggregated = await time(3, () =>
        db.query(`select r.id, count(v.request_id) as votes, coalesce(sum(a.monthly_amount), 0) as revenue
          from requests r left join (select distinct v.request_id, u.account_id from votes v join users u on u.id = v.user_id) v on v.request_id = r.id
          left join accounts a on a.id = v.account_id where r.project_id = 'prj_bench' group by r.id order by revenue desc limit 50`),
      );
      // One company's amount changes: a token of one of its people brings a new amount, and
      // the identify's write transaction runs as the service runs it (project money lock,
      // user upsert, company lock, fields and amount through its requests, the event outbox).
      const [{ touched }] = (await db.query<{ touched: number }>(
        `select avg(n)::int as touched from (select count(*) as n from request_accounts where account_id in ('a1', 'a2', 'a3') and voters > 0 group by account_id) t`,
      )) as [{ touched: number }];
      const events = createWebhookOutbox();
      const identities = await Promise.all(
        Array.from({ length: 50 }, (_, run) => {
          const company = 1 + ((run * 37) % ACCOUNTS);
          const payload = claims({ sub: `ext${5 * (company - 1) + 1}`, aud: AUDIENCE, company: { id: `c${company}`, amount: (company % 1000) * 1000 + 100 + run } });
          return verifyIdentityToken(signRaw({ alg: 'HS256', typ: 'JWT' }, payload, SECRET), { secrets: SECRET, audience: AUDIENCE });
        }),
      );
      const companyChange = await time(
        identities.length,
        (run) => db.transaction((tx) => writeIdentify(tx, events, { projectId: 'prj_bench' }, identities[run]!)),
        await backends(),
      );
      // The euro rate changes: 10,000 accounts re-weighed, and every request they voted for.
      const rateChange = await time(
        3,
        (run) => db.transaction((tx) => changeProjectMoney(tx, 'prj_bench', { exchangeRates: { EUR: 1.1 + run / 100 } })),
        await backends(),
      );
      const drift = await recomputeRequestTotals(db, 'prj_bench');
      console.log(`  ${label}: seeded ${votes.toLocaleString('en')} votes (${pairs.toLocaleString('en')} request-account pairs) in ${(seeded / 1000).toFixed(1)} s`);
      console.log(`    top 50 by revenue (kept totals)         median ${ranked.median.toFixed(2)} ms, p95 ${ranked.p95.toFixed(2)} ms ${onCpu(ranked, 2)}`);
      console.log(`    aggregating every vote by account       median ${aggregated.median.toFixed(0)} ms  (${(aggregated.median / ranked.median).toFixed(0)}× slower)`);
      console.log(`    a company's revenue change by identify (~${touched} requests) median ${companyChange.median.toFixed(2)} ms, p95 ${companyChange.p95.toFixed(2)} ms ${onCpu(companyChange, 2)}`);
      console.log(`    a rate change re-weighing 10,000 accounts median ${rateChange.median.toFixed(0)} ms, max ${rateChange.max.toFixed(0)} ms ${onCpu(rateChange, 0)}`);
      console.log(`    the oracle afterwards finds ${drift} rows to fix`);
      // The machine may be shared: the load beside the figures says how far to trust them.
      console.log(`    (load average ${loadavg().map((load) => load.toFixed(2)).join(', ')} on ${availableParallelism()} cores)`);
    } finally {
      if (label === 'PostgreSQL') await db.query(`drop schema ${schema} cascade`);
      await db.close();
    }
  }
}
