// `npm run bench:http`: throughput, p50 and p99 of identify (traits unchanged and changed),
// list and vote, each as a ratio to an Express no-op route on the same server in the same
// run (the no-op measured just before and just after each call), on the embedded store and
// on PostgreSQL (BENCH_STORE=pglite|postgres runs one), beside the goals of issue 14; then
// the revenue ranking query with 1,000,000 votes.
// Load goes to 127.0.0.1 only, bounded in time.
import autocannon from 'autocannon';
import { startBenchServer, type Fixture } from './support/start-bench-server.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;
const postgresUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Result { rps: number; p50: number; p99: number; errors: number }

type Scenario = { name: string; options: autocannon.Options };

async function load(scenario: Scenario): Promise<Result> {
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...scenario.options });
  const non2xx = result.non2xx + result.errors + result.timeouts;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: non2xx };
}

// Issue 14's goals: the least throughput ratio to the no-op route, per store.
const goals: Record<string, { postgres: number; pglite: number }> = {
  'identify (traits unchanged)': { postgres: 0.5, pglite: 0.35 },
  'identify (traits changed)': { postgres: 0.3, pglite: 0.2 },
  'list (top, 100 requests)': { postgres: 0.5, pglite: 0.35 },
  vote: { postgres: 0.4, pglite: 0.25 },
};
const p99Goal = { postgres: 3, pglite: 4 };

function scenarios(f: Fixture): Scenario[] {
  const api = `${f.url}/v1/projects/${f.projectId}`;
  let next = 0;
  // Every vote is a new (voter, request) pair, so each one is a real write.
  const pairs = f.sessions.flatMap((session) => f.requestIds.map((requestId) => ({ session, requestId })));
  return [
    { name: 'Express no-op', options: { url: `${f.url}/bench/noop` } },
    {
      name: 'identify (traits unchanged)',
      options: {
        url: `${api}/identify`,
        requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (request) => ({ ...request, body: JSON.stringify({ token: f.tokens[next++ % f.tokens.length] }) }) }],
      },
    },
    {
      name: 'identify (traits changed)',
      options: {
        url: `${api}/identify`,
        requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (request) => ({ ...request, body: JSON.stringify({ token: f.changedTokens[next++ % f.changedTokens.length] }) }) }],
      },
    },
    {
      name: 'list (top, 100 requests)',
      options: { url: `${api}/requests?sort=top`, requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, headers: { authorization: `Bearer ${f.sessions[next++ % f.sessions.length]}` } }) }] },
    },
    {
      name: 'vote',
      options: {
        url: api,
        requests: [
          {
            method: 'PUT',
            setupRequest: (request) => {
              const pair = pairs[next++ % pairs.length]!;
              return { ...request, path: `/v1/projects/${f.projectId}/requests/${pair.requestId}/vote`, headers: { authorization: `Bearer ${pair.session}` } };
            },
          },
        ],
      },
    },
  ];
}

// BENCH_HTTP=0 skips the load part (to run the ranking part alone).
const stores = ([['embedded (PGlite)', 'pglite', 'pglite'], ['PostgreSQL', 'postgres', postgresUrl]] as const).filter(
  ([, kind]) => process.env.BENCH_HTTP !== '0' && (!process.env.BENCH_STORE || process.env.BENCH_STORE === kind),
);
for (const [label, kind, store] of stores) {
  const { fixture, stop } = await startBenchServer(store);
  try {
    console.log(`\n${label}: ${CONNECTIONS} connections, ${DURATION} s each`);
    // BENCH_CALLS=list,vote: only the calls whose names start with one of these (the no-op always runs).
    const only = process.env.BENCH_CALLS?.split(',').map((name) => name.trim()).filter(Boolean);
    const [noop, ...calls] = scenarios(fixture).filter((s) => s.name === 'Express no-op' || only === undefined || only.some((name) => s.name.startsWith(name)));
    // The no-op runs before the first call and after each one, and each call is compared with
    // the mean of the two no-op runs around it: this machine's speed drifts over a run (other
    // tenants), and a no-op measured once at the start made the last calls' ratios drift with it.
    const noops: Result[] = [await load(noop!)];
    const results = new Map<string, { result: Result; base: Result }>();
    for (const scenario of calls) {
      const result = await load(scenario);
      noops.push(await load(noop!));
      const [before, after] = noops.slice(-2) as [Result, Result];
      results.set(scenario.name, { result, base: { rps: (before.rps + after.rps) / 2, p50: (before.p50 + after.p50) / 2, p99: (before.p99 + after.p99) / 2, errors: 0 } });
    }
    const mean = (pick: (r: Result) => number) => noops.reduce((sum, r) => sum + pick(r), 0) / noops.length;
    const noopMean: Result = { rps: mean((r) => r.rps), p50: Math.round(mean((r) => r.p50)), p99: Math.round(mean((r) => r.p99)), errors: noops.reduce((sum, r) => sum + r.errors, 0) };
    console.log(`  ${'call'.padEnd(28)} ${'req/s'.padStart(7)}  ${'ratio'.padStart(6)}  goal   ${'p50'.padStart(5)}  ${'p99'.padStart(5)}  p99 ratio`);
    const noopSpread = `   (${noops.length} runs: ${noops.map((r) => r.rps.toFixed(0)).join(', ')} req/s)`;
    for (const [name, { result: r, base }] of [['Express no-op', { result: noopMean, base: noopMean }] as const, ...results]) {
      const ratio = r.rps / base.rps;
      const p99Ratio = r.p99 / Math.max(base.p99, 1);
      const goal = goals[name]?.[kind];
      const verdict = goal === undefined ? '     ' : `${ratio >= goal ? '✓' : '✗'}${goal.toFixed(2)}`;
      const p99Verdict = goal === undefined ? '' : ` ${p99Ratio <= p99Goal[kind] ? '✓' : '✗'}≤${p99Goal[kind]}×`;
      console.log(
        `  ${name.padEnd(28)} ${r.rps.toFixed(0).padStart(7)}  ${ratio.toFixed(3).padStart(6)}× ${verdict}  ${String(r.p50).padStart(4)}ms ${String(r.p99).padStart(4)}ms  ${p99Ratio.toFixed(1)}×${p99Verdict}${r.errors ? `   ${r.errors} non-2xx/errors` : ''}${name === 'Express no-op' ? noopSpread : ''}`,
      );
    }
  } finally {
    await stop();
  }
}

// BENCH_RANKING=0 skips the (slow to seed) ranking part.
if (process.env.BENCH_RANKING !== '0') {
  const { rankingBench } = await import('./support/ranking-bench.js');
  await rankingBench(postgresUrl);
}
