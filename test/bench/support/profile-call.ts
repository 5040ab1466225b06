// `tsx test/bench/support/profile-call.ts <noop|identify|identify-changed|list|vote> [pglite|postgres]`:
// runs the bench server with a CPU profiler started once its fixtures are made (the same
// profile `node --cpu-prof` writes, without the set-up in it), loads one widget call for
// BENCH_SECONDS and prints the functions with the most self time; the .cpuprofile stays in
// test-results/profiles/ for Chrome DevTools.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const call = process.argv[2] ?? 'identify';
const store = process.argv[3] === 'postgres' ? (process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test') : 'pglite';
const dir = path.resolve('test-results/profiles');
mkdirSync(dir, { recursive: true });
const file = path.join(dir, `${call}-${process.argv[3] ?? 'pglite'}-${Date.now()}.cpuprofile`);
const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', 'test/bench/support/bench-server.ts', store], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, BENCH_PROFILE: file },
});
const fixture = JSON.parse(await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve)));
const api = `${fixture.url}/v1/projects/${fixture.projectId}`;
let next = 0;
const pairs = (fixture.sessions as string[]).flatMap((session) => (fixture.requestIds as string[]).map((requestId) => ({ session, requestId })));
const options: Record<string, autocannon.Options> = {
  noop: { url: `${fixture.url}/bench/noop` },
  identify: { url: `${api}/identify`, requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (r) => ({ ...r, body: JSON.stringify({ token: fixture.tokens[next++ % fixture.tokens.length] }) }) }] },
  'identify-changed': { url: `${api}/identify`, requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (r) => ({ ...r, body: JSON.stringify({ token: fixture.changedTokens[next++ % fixture.changedTokens.length] }) }) }] },
  list: { url: `${api}/requests?sort=top`, requests: [{ method: 'GET', setupRequest: (r) => ({ ...r, headers: { authorization: `Bearer ${fixture.sessions[next++ % fixture.sessions.length]}` } }) }] },
  vote: { url: api, requests: [{ method: 'PUT', setupRequest: (r) => { const pair = pairs[next++ % pairs.length]!; return { ...r, path: `/v1/projects/${fixture.projectId}/requests/${pair.requestId}/vote`, headers: { authorization: `Bearer ${pair.session}` } }; } }] },
};
const result = await autocannon({ connections: 10, duration: Number(process.env.BENCH_SECONDS ?? 5), ...options[call]! });
console.log(`${call} on ${process.argv[3] ?? 'pglite'}: ${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`);
await new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); });
interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
profile.samples.forEach((id, i) => {
  const frame = byId.get(id)!.callFrame;
  const key = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(server|shared)\//, '$1/')}:${frame.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log(`profile ${file}; top self time:`);
for (const [key, micros] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PROFILE_TOP ?? 25))) console.log(`  ${((micros / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
