// `tsx --conditions=source test/bench/support/cpu-per-call.ts [pglite|postgres]`: the bench
// server's own CPU time (user + system, from /proc) per call of the no-op, identify (unchanged, changed), list and vote,
// under the same load as bench:http; on PostgreSQL also the CPU of every `postgres` process
// of the machine (the test cluster's), and the load generator's own. On a shared, busy
// machine throughput swings with the neighbours; the CPU one call costs moves much less.
import { readdirSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { startBenchServer } from './start-bench-server.js';

const store = process.argv[2] === 'postgres' ? (process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test') : 'pglite';
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const { fixture: f, pid, stop } = await startBenchServer(store);
const processMicros = (id: number | string) => {
  try {
    const fields = readFileSync(`/proc/${id}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return 0; // gone meanwhile
  }
};
const cpuMicros = () => processMicros(pid);
const isPostgres = (id: string) => {
  try {
    return readFileSync(`/proc/${id}/comm`, 'utf8').startsWith('postgres');
  } catch {
    return false;
  }
};
const postgresMicros = () => readdirSync('/proc').filter((id) => /^\d+$/.test(id) && isPostgres(id)).reduce((sum, id) => sum + processMicros(id), 0);
const api = `${f.url}/v1/projects/${f.projectId}`;
let next = 0;
const pairs = f.sessions.flatMap((session) => f.requestIds.map((requestId) => ({ session, requestId })));
const calls: Record<string, autocannon.Options> = {
  noop: { url: `${f.url}/bench/noop` },
  identify: { url: `${api}/identify`, requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (r) => ({ ...r, body: JSON.stringify({ token: f.tokens[next++ % f.tokens.length] }) }) }] },
  'identify-changed': { url: `${api}/identify`, requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (r) => ({ ...r, body: JSON.stringify({ token: f.changedTokens[next++ % f.changedTokens.length] }) }) }] },
  list: { url: `${api}/requests?sort=top`, requests: [{ method: 'GET', setupRequest: (r) => ({ ...r, headers: { authorization: `Bearer ${f.sessions[next++ % f.sessions.length]}` } }) }] },
  vote: { url: api, requests: [{ method: 'PUT', setupRequest: (r) => { const pair = pairs[next++ % pairs.length]!; return { ...r, path: `/v1/projects/${f.projectId}/requests/${pair.requestId}/vote`, headers: { authorization: `Bearer ${pair.session}` } }; } }] },
};
try {
  const perCall: Record<string, number> = {};
  for (const name of (process.env.BENCH_CALLS ?? 'noop,list,vote').split(',')) {
    const before = { server: cpuMicros(), postgres: store === 'pglite' ? 0 : postgresMicros(), load: process.cpuUsage() };
    const result = await autocannon({ connections: 10, duration: seconds, ...calls[name]! });
    const used = cpuMicros() - before.server;
    const n = result.requests.total;
    perCall[name] = used / n;
    const load = process.cpuUsage(before.load);
    const others = `${store === 'pglite' ? '' : `  postgres ${((postgresMicros() - before.postgres) / n).toFixed(0).padStart(5)} µs`}  load ${((load.user + load.system) / n).toFixed(0).padStart(4)} µs`;
    console.log(`${store === 'pglite' ? 'pglite' : 'postgres'} ${name.padEnd(16)} ${result.requests.average.toFixed(0).padStart(6)} req/s  ${perCall[name]!.toFixed(0).padStart(5)} µs CPU/call${perCall.noop && name !== 'noop' ? `  ${(perCall[name]! / perCall.noop).toFixed(2)}× the no-op's` : ''}${others}`);
  }
} finally {
  await stop();
}
