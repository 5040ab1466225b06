// `npm run bench:rss` (not part of npm test): the resident memory of one instance after
// 50,000 and after 250,000 mixed widget calls (identify, list, vote, unvote), and the growth
// between them; issue 14's goal is < 10 %. BENCH_STORE=pglite|postgres (default pglite),
// BENCH_CALLS=50000,250000 to change the checkpoints. Load goes to 127.0.0.1 only.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { mintIdentityToken } from '../../server/src/mint/mint-identity-token.js';
import { startBenchServer } from './support/start-bench-server.js';

const store = process.env.BENCH_STORE === 'postgres' ? (process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test') : 'pglite';
const [first, second] = (process.env.BENCH_CALLS ?? '50000,250000').split(',').map(Number) as [number, number];
const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

const { fixture: f, pid, stop } = await startBenchServer(store);
let refresh: NodeJS.Timeout | undefined;
try {
  const api = `/v1/projects/${f.projectId}`;
  // Identity tokens live 300 s and the run takes longer: the same claims are minted afresh each minute.
  refresh = setInterval(async () => {
    f.tokens = await Promise.all(
      f.tokens.map((_, i) => mintIdentityToken({ sub: `user-${i}`, traits: { plan: 'pro', amount: 1000 + i, interval: 'month' } }, { secret: f.secret, audience: f.audience })),
    );
  }, 60_000);
  refresh.unref();
  let next = 0;
  // identify (traits unchanged), list, vote, then the same vote taken back: one call each in turn.
  const calls = [
    () => ({ method: 'POST' as const, path: `${api}/identify`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: f.tokens[next % f.tokens.length] }) }),
    () => ({ method: 'GET' as const, path: `${api}/requests?sort=top`, headers: { authorization: `Bearer ${f.sessions[next % f.sessions.length]}` } }),
    () => ({ method: 'PUT' as const, path: `${api}/requests/${f.requestIds[next % f.requestIds.length]}/vote`, headers: { authorization: `Bearer ${f.sessions[next % f.sessions.length]}` } }),
    () => ({ method: 'DELETE' as const, path: `${api}/requests/${f.requestIds[next % f.requestIds.length]}/vote`, headers: { authorization: `Bearer ${f.sessions[next % f.sessions.length]}` } }),
  ];
  const run = async (amount: number) => {
    const result = await autocannon({
      url: f.url,
      connections: 10,
      amount,
      requests: [{ setupRequest: (request) => { const call = calls[next % calls.length]!(); next += 1; return { ...request, ...call }; } }],
    });
    return result.non2xx + result.errors + result.timeouts;
  };
  console.log(`RSS of one instance (${store === 'pglite' ? 'PGlite' : 'PostgreSQL'}), mixed calls; goal < 10 % growth`);
  console.log(`  at start           ${rssOf(pid).toFixed(1)} MB`);
  const failedFirst = await run(first);
  const atFirst = rssOf(pid);
  console.log(`  after ${String(first).padStart(7)} calls ${atFirst.toFixed(1)} MB${failedFirst ? `   ${failedFirst} non-2xx/errors` : ''}`);
  const failedSecond = await run(second - first);
  const atSecond = rssOf(pid);
  const growth = (atSecond / atFirst - 1) * 100;
  console.log(`  after ${String(second).padStart(7)} calls ${atSecond.toFixed(1)} MB${failedSecond ? `   ${failedSecond} non-2xx/errors` : ''}`);
  console.log(`  growth ${growth.toFixed(1)} % ${growth < 10 ? '✓' : '✗'}< 10 %`);
} finally {
  clearInterval(refresh);
  await stop();
}
