// `npm run bench:http`: throughput and p99 of identify, list and vote, each as a ratio to an
// Express no-op route on the same server in the same run, on the embedded store and on
// PostgreSQL; then the revenue ranking query with 10,000 requests, 100,000 users and
// 1,000,000 votes. Load goes to 127.0.0.1 only, bounded in time.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;
const postgresUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Fixture { url: string; projectId: string; tokens: string[]; sessions: string[]; requestIds: string[] }

async function startBenchServer(store: string): Promise<{ fixture: Fixture; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', 'test/bench/support/bench-server.ts', store], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return {
    fixture: JSON.parse(line) as Fixture,
    stop: () => new Promise((resolve) => { child.once('exit', () => resolve()); child.kill('SIGTERM'); }),
  };
}

type Scenario = { name: string; options: autocannon.Options };

async function load(scenario: Scenario): Promise<{ rps: number; p99: number; errors: number }> {
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...scenario.options });
  const non2xx = result.non2xx + result.errors + result.timeouts;
  return { rps: result.requests.average, p99: result.latency.p99, errors: non2xx };
}

function scenarios(f: Fixture): Scenario[] {
  const api = `${f.url}/v1/projects/${f.projectId}`;
  let next = 0;
  // Every vote is a new (voter, request) pair, so each one is a real write.
  const pairs = f.sessions.flatMap((session) => f.requestIds.map((requestId) => ({ session, requestId })));
  return [
    { name: 'Express no-op', options: { url: `${f.url}/bench/noop` } },
    {
      name: 'identify',
      options: {
        url: `${api}/identify`,
        requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (request) => ({ ...request, body: JSON.stringify({ token: f.tokens[next++ % f.tokens.length] }) }) }],
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

for (const [label, store] of [['embedded (PGlite)', 'pglite'], ['PostgreSQL', postgresUrl]] as const) {
  const { fixture, stop } = await startBenchServer(store);
  try {
    console.log(`\n${label}: ${CONNECTIONS} connections, ${DURATION} s each`);
    const results = new Map<string, { rps: number; p99: number; errors: number }>();
    for (const scenario of scenarios(fixture)) results.set(scenario.name, await load(scenario));
    const base = results.get('Express no-op')!;
    for (const [name, r] of results) {
      console.log(
        `  ${name.padEnd(26)} ${r.rps.toFixed(0).padStart(7)} req/s (${(r.rps / base.rps).toFixed(3)}× no-op)   p99 ${String(r.p99).padStart(4)} ms (${(r.p99 / Math.max(base.p99, 1)).toFixed(1)}× no-op)${r.errors ? `   ${r.errors} non-2xx/errors` : ''}`,
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
