import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load-config.js';
import { createQueuedInviteMailer } from '../notifications/create-queued-invite-mailer.js';
import { installDashboard, type Dashboard } from '../http/install-dashboard.js';
import { installDemo } from '../demo/install-demo.js';
import { ensureDemoProject, type DemoProject } from '../services/projects/ensure-demo-project.js';
import { startServer } from '../start-server.js';
import type { CliIo } from './cli-io.js';
import { CliUsageError } from './cli-usage-error.js';

export const startUsage = `reqio start [--port N] [--public-url URL] [--data-dir DIR] [--database-url URL] [--redis-url URL] [--demo | --no-demo]
  Runs the service (what npm start runs). Environment: PORT, PUBLIC_URL, REQIO_DATA_DIR,
  DATABASE_URL, REDIS_URL, REQIO_MASTER_KEY, REQIO_METRICS_TOKEN, LOG_LEVEL; flags win.
  The demo project and /demo pages run in embedded mode (--no-demo to leave them out);
  with DATABASE_URL only with --demo. Links and credentials go to standard error, logs
  (JSON lines) to standard output.`;

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
      demo: { type: 'boolean' },
      'no-demo': { type: 'boolean' },
    },
  });
  if (positionals.length > 0) throw new CliUsageError(`unexpected argument "${positionals[0]}"`);
  if (values.demo && values['no-demo']) throw new CliUsageError('give --demo or --no-demo, not both');
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
  // CONTRACT §5: production (DATABASE_URL) has no demo project or pages unless asked for.
  const withDemo = values.demo === true || (config.databaseUrl === undefined && values['no-demo'] !== true);
  const running = await startServer(config, {
    async customize(deps) {
      // With SMTP set up, invitations are emailed too (through the email outbox).
      dashboard = installDashboard(deps, deps.mailer.configured ? { mailer: createQueuedInviteMailer({ db: deps.db, publicUrl: deps.config.publicUrl }) } : {});
      if (withDemo) {
        const dataDir = config.databaseUrl === undefined ? config.dataDir : undefined;
        demo = await ensureDemoProject({ db: deps.db, cipher: deps.cipher, publicUrl: config.publicUrl, dataDir });
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
    lines.push(
      '',
      'First run: create the owner account with this one-time link (it works once, for',
      `${minutes} minutes; restarting the service issues a new one and ends this one):`,
      `  ${setupLink.url}`,
    );
  }
  if (demo !== undefined) {
    lines.push('', `Demo project  ${demo.id}`, `  Audience    ${demo.audience}`);
    const kept = demo.file === undefined ? '' : `; also kept in ${demo.file}`;
    if (demo.created !== undefined) lines.push(`  API key     ${demo.created.apiKey}   (shown once${kept})`);
    else lines.push(demo.file === undefined ? '  API key     shown when it was created (make another in the dashboard)' : `  API key     in ${demo.file}`);
    lines.push(`  Demo pages  ${config.publicUrl}/demo/server-rendered  ${config.publicUrl}/demo/spa`);
    if (demo.file !== undefined) {
      lines.push(`  Try it      npx reqio mint --secret "$(node -p "require('${demo.file}').secret")" --audience ${demo.audience} --sub demo-user --plan pro --amount 4900`);
    }
  }
  // Standard error, never standard output: the JSON logs go there and end up in log files,
  // and this holds a one-time link and an API key (CONTRACT §5).
  io.stderr(`${lines.join('\n')}\n\nPress Ctrl+C to stop.\n`);

  const signal = await stopSignal;
  io.stderr(`\n${signal}: finishing in-flight requests and closing the store…\n`);
  await running.close().catch((error: unknown) => io.stderr(`reqio: shutdown failed: ${(error as Error).message}\n`));
  return 0;
}
