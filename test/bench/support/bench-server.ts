// A benchmark server: the real app plus an Express no-op route to compare against, on the
// store named by argv[2] ('pglite' or a PostgreSQL URL). Prints its URL and fixtures as JSON.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import express from 'express';
import { pino } from 'pino';
import { loadConfig } from '../../../server/src/config/load-config.js';
import { createAppDeps } from '../../../server/src/create-app-deps.js';
import { createApp } from '../../../server/src/http/create-app.js';
import { createProject } from '../../../server/src/services/projects/create-project.js';
import { mintIdentityToken } from '../../../server/src/mint/mint-identity-token.js';
import { migrate } from '../../../server/src/storage/migrate.js';
import { openPglite } from '../../../server/src/storage/open-pglite.js';
import { openPostgres } from '../../../server/src/storage/open-postgres.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const store = process.argv[2] ?? 'pglite';
const schema = `reqio_bench_${randomBytes(4).toString('hex')}`;
let db;
if (store === 'pglite') {
  // BENCH_PGLITE_QUERY=plain: every statement through PGlite's own query() (for an A/B).
  db = await openPglite(undefined, { preparedStatements: process.env.BENCH_PGLITE_QUERY !== 'plain' });
} else {
  const admin = await openPostgres(store);
  await admin.query(`create schema ${schema}`);
  await admin.close();
  db = await openPostgres(store, { schema, max: 10 });
}
await migrate(db);

let app: express.Express | undefined;
const server = createServer((request, response) => app!(request, response));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const config = loadConfig({
  PUBLIC_URL: url,
  REQIO_MASTER_KEY: randomBytes(32).toString('base64'),
  REQIO_RATE_LIMIT_IDENTIFY_PER_IP: '1000000000',
  REQIO_RATE_LIMIT_IDENTIFY_PER_PROJECT: '1000000000',
  REQIO_RATE_LIMIT_WRITES_PER_IP: '1000000000',
  REQIO_RATE_LIMIT_WRITES_PER_PROJECT: '1000000000',
});
const deps = await createAppDeps(config, { db, logger: pino({ level: 'silent' }) });
const noop = express.Router();
noop.get('/noop', (_request, response) => {
  response.json({ ok: true });
});
deps.extraRouters = [{ path: '/bench', router: noop }];
app = createApp(deps);

const project = await createProject({ db, cipher: deps.cipher, publicUrl: url }, { name: 'Bench' });
const users = 500;
const tokens: string[] = [];
const sessions: string[] = [];
for (let i = 0; i < users; i += 1) {
  const token = await mintIdentityToken({ sub: `user-${i}`, traits: { plan: 'pro', amount: 1000 + i, interval: 'month' } }, { secret: project.secret, audience: project.audience });
  tokens.push(token);
  const response = await fetch(`${url}/v1/projects/${project.project.id}/identify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  sessions.push(((await response.json()) as { session: string }).session);
}
// Tokens whose traits differ from what the store holds, for the "traits changed" identify:
// each round gives every user a new amount, so no two consecutive tokens of a user agree.
const changedTokens: string[] = [];
for (let round = 1; round <= 12; round += 1) {
  for (let i = 0; i < users; i += 1) {
    changedTokens.push(await mintIdentityToken({ sub: `user-${i}`, traits: { plan: 'pro', amount: 1000 + i + round * 100, interval: 'month' } }, { secret: project.secret, audience: project.audience }));
  }
}
const requestIds: string[] = [];
for (let i = 0; i < 100; i += 1) {
  const response = await fetch(`${url}/v1/projects/${project.project.id}/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${sessions[i]}` },
    body: JSON.stringify({ title: `Benchmark request ${i}` }),
  });
  requestIds.push(((await response.json()) as { request: { id: string } }).request.id);
}
// BENCH_PROFILE=file: a CPU profile of the load alone (started once the fixtures are made).
const profiler = process.env.BENCH_PROFILE ? new Session() : undefined;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
process.stdout.write(`${JSON.stringify({ url, projectId: project.project.id, tokens, changedTokens, sessions, requestIds, secret: project.secret, audience: project.audience })}\n`);

process.on('SIGTERM', async () => {
  if (profiler) writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify((await profiler.post('Profiler.stop')).profile));
  server.close();
  await deps.close();
  if (store !== 'pglite') {
    const admin = await openPostgres(store);
    await admin.query(`drop schema ${schema} cascade`);
    await admin.close();
  }
  await db.close();
  process.exit(0);
});
