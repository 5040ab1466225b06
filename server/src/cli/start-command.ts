import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load-config.js';
import { createQueuedInviteMailer } from '../notifications/create-queued-invite-mailer.js';
import { installDashboard, type Dashboard } from '../http/install-dashboard.js';
import { installDemo } from '../demo/install-demo.js';
import { ensureDemoProject, type DemoProject } from '../services/projects/ensure-demo-project.js';
import { startServer } from '../start-server.js';
import type { CliIo } from './cli-io.js';
import { CliUsageError } from './cli-usage-error.js';

export const startUsage = `reqio start [--port N] [--public-url URL] [--data-dir DIR] [--database-url URL] [--redis-url URL] [--no-demo]
  Runs the service (what npm start runs). Environment: PORT, PUBLIC_URL, REQIO_DATA_DIR,
  DATABASE_URL, REDIS_URL, REQIO_MASTER_KEY, LOG_LEVEL; flags win.`;

/** `reqio start`: runs the service until SIGTERM or SIGINT, then shuts down gracefully. */
export async function startCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'public-url': { type: 'string' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      'redis-url': { type: 'string' },
      'no-demo': { type: 'boolean' },
    },
  });
  if (positionals.length > 0) throw new CliUsageError(`unexpected argument "${positionals[0]}"`);
  const config = loadConfig(io.env, {
    port: values.port,
    host: values.host,
    publicUrl: values['public-url'],
    dataDir: values['data-dir'],
    databaseUrl: values['database-url'],
    redisUrl: values['redis-url'],
  });
  // Listen for the stop signals before the server listens: a SIGTERM that arrives while it
  // is still printing its URLs must shut it down gracefully too, not kill it.
  const stopSignal = new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  let dashboard: Dashboard | undefined;
  let demo: DemoProject | undefined;
  const running = await startServer(config, {
    async customize(deps) {
      // With SMTP set up, invitations are emailed too (through the email outbox).
      dashboard = installDashboard(deps, deps.mailer.configured ? { mailer: createQueuedInviteMailer({ db: deps.db, publicUrl: deps.config.publicUrl }) } : {});
      if (!values['no-demo']) {
        demo = await ensureDemoProject({ db: deps.db, cipher: deps.cipher, publicUrl: config.publicUrl, dataDir: config.dataDir });
        installDemo(deps, { projectId: demo.id });
      }
    },
  });
  if (running.previousPublicUrl !== undefined) {
    io.stderr(
      `reqio start: warning: PUBLIC_URL changed from ${running.previousPublicUrl} to ${config.publicUrl}. Every project's audience is now ` +
        `${config.publicUrl}/p/<projectId>: tokens minted for ${running.previousPublicUrl}/p/<projectId> are refused with audience_mismatch ` +
        `until your servers mint for the new one (or add the old one to a project's extra audiences).\n`,
    );
  }
  const setupLink = await dashboard!.issueSetupLink();
  const lines = [
    `Reqio is running on ${config.databaseUrl ? 'PostgreSQL' : `the embedded store (${config.dataDir})`}${config.redisUrl ? ' with Redis' : ''}.`,
    '',
    `  API         ${config.publicUrl}/v1`,
    `  Widget      ${config.publicUrl}/widget.js`,
    `  Health      ${config.publicUrl}/healthz`,
    `  Metrics     ${config.publicUrl}/metrics`,
    `  Dashboard   ${config.publicUrl}/dashboard`,
  ];
  if (setupLink !== undefined) {
    const minutes = Math.round((setupLink.expiresAt.getTime() - Date.now()) / 60_000);
    lines.push('', 'First run: create the owner account with this one-time link (it works once, for', `${minutes} minutes; restart the service for a new one):`, `  ${setupLink.url}`);
  }
  if (demo !== undefined) {
    lines.push('', `Demo project  ${demo.id}`, `  Audience    ${demo.audience}`);
    lines.push(demo.created ? `  API key     ${demo.apiKey}   (shown once; also kept in ${config.dataDir}/demo.json)` : `  API key     in ${config.dataDir}/demo.json`);
    lines.push(`  Demo pages  ${config.publicUrl}/demo/server-rendered  ${config.publicUrl}/demo/spa`);
    lines.push(`  Try it      npx reqio mint --secret "$(node -p "require('${config.dataDir}/demo.json').secret")" --audience ${demo.audience} --sub demo-user --plan pro --amount 4900`);
  }
  io.stdout(`${lines.join('\n')}\n\nPress Ctrl+C to stop.\n`);

  const signal = await stopSignal;
  io.stderr(`\n${signal}: finishing in-flight requests and closing the store…\n`);
  await running.close().catch((error: unknown) => io.stderr(`reqio: shutdown failed: ${(error as Error).message}\n`));
  return 0;
}
