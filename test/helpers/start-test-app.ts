import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { pino, type Logger } from 'pino';
import { createAppDeps } from '../../server/src/create-app-deps.js';
import { loadConfig } from '../../server/src/config/load-config.js';
import type { AppDeps } from '../../server/src/http/app-deps.js';
import { createApp } from '../../server/src/http/create-app.js';
import { createProject } from '../../server/src/services/projects/create-project.js';
import type { Database } from '../../server/src/storage/database.js';
import { mintIdentityToken } from '../../server/src/mint/mint-identity-token.js';
import { openTestDatabase, type StoreKind } from './test-database.js';

export interface TestProject {
  id: string;
  name: string;
  audience: string;
  secret: string;
  apiKey: string;
}

export interface TestApp {
  /** The API origin, e.g. http://127.0.0.1:41234; serves /widget.js too. */
  url: string;
  project: TestProject;
  deps: AppDeps;
  db: Database;
  server: Server;
  createProject(options?: { name?: string; allowedOrigins?: string[]; requireIdentity?: boolean }): Promise<TestProject>;
  mint(
    claims: { sub: string; email?: string; name?: string; traits?: Record<string, unknown>; company?: Record<string, unknown> },
    options?: { project?: TestProject; expiresIn?: number },
  ): Promise<string>;
  /** Calls the admin API under /v1/admin/projects/:id with the project's API key. */
  admin(path: string, init?: RequestInit & { project?: TestProject }): Promise<Response>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  allowedOrigins?: string[];
  requireIdentity?: boolean;
  sessionTtlSeconds?: number;
  store?: StoreKind;
  /** Use this database instead of a fresh one (it is not closed by `close`). */
  db?: Database;
  redisUrl?: string;
  rateLimitKeyPrefix?: string;
  env?: Record<string, string>;
  /** Where logs go (silent by default; TEST_LOG_LEVEL=debug shows them). */
  logger?: Logger;
  /**
   * Adds to the dependencies before the app is rebuilt with them, once the first project
   * exists (the dashboard's `installDashboard`, the demo's `installDemo`).
   */
  customize?: (deps: AppDeps, context: { url: string; project: TestProject }) => Promise<void> | void;
}

/**
 * The real service on a random loopback port with a fresh store and one project: what the
 * HTTP, widget and dashboard suites drive. Tokens are minted for real.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  let app: Express | undefined;
  const server = createServer((request, response) => app!(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const db = options.db ?? (await openTestDatabase(options.store ?? 'pglite'));
  const config = loadConfig({
    PUBLIC_URL: url,
    REQIO_MASTER_KEY: randomBytes(32).toString('base64'),
    REQIO_DATA_DIR: '/nonexistent-reqio-test-dir',
    REQIO_SESSION_TTL: String(options.sessionTtlSeconds ?? 3600),
    REQIO_RATE_LIMIT_IDENTIFY_PER_IP: '100000',
    REQIO_RATE_LIMIT_IDENTIFY_PER_PROJECT: '100000',
    REQIO_RATE_LIMIT_WRITES_PER_IP: '100000',
    REQIO_RATE_LIMIT_WRITES_PER_PROJECT: '100000',
    ...(options.redisUrl !== undefined && { REDIS_URL: options.redisUrl }),
    ...options.env,
  });
  const deps = await createAppDeps(config, {
    db,
    logger: options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    rateLimitKeyPrefix: options.rateLimitKeyPrefix ?? `reqio-test:${randomBytes(4).toString('hex')}`,
  });
  app = createApp(deps);

  const makeProject = async (projectOptions: { name?: string; allowedOrigins?: string[]; requireIdentity?: boolean } = {}): Promise<TestProject> => {
    const created = await createProject(
      { db, cipher: deps.cipher, publicUrl: url },
      {
        name: projectOptions.name ?? 'Test project',
        allowedOrigins: projectOptions.allowedOrigins ?? options.allowedOrigins ?? [],
        requireIdentity: projectOptions.requireIdentity ?? options.requireIdentity ?? false,
      },
    );
    return { id: created.project.id, name: created.project.name, audience: created.audience, secret: created.secret, apiKey: created.apiKey };
  };
  const project = await makeProject();
  if (options.customize !== undefined) {
    await options.customize(deps, { url, project });
    app = createApp(deps);
  }

  return {
    url,
    project,
    deps,
    db,
    server,
    createProject: makeProject,
    mint: (claims, mintOptions = {}) => {
      const target = mintOptions.project ?? project;
      return mintIdentityToken(claims as never, {
        secret: target.secret,
        audience: target.audience,
        ...(mintOptions.expiresIn !== undefined && { expiresIn: mintOptions.expiresIn }),
      });
    },
    admin: (path, init = {}) => {
      const { project: target = project, ...rest } = init;
      const headers = new Headers(rest.headers);
      headers.set('authorization', `Bearer ${target.apiKey}`);
      if (rest.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
      return fetch(`${url}/v1/admin/projects/${target.id}${path}`, { ...rest, headers });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await deps.close();
      if (options.db === undefined) await db.close();
    },
  };
}
