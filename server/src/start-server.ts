import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config/load-config.js';
import { createAppDeps } from './create-app-deps.js';
import type { AppDeps } from './http/app-deps.js';
import { createApp } from './http/create-app.js';
import { rememberPublicUrl } from './services/settings/remember-public-url.js';
import { createWebhookWorker, type WebhookWorkerOptions } from './webhooks/create-webhook-worker.js';
import { createEmailWorker, type EmailWorkerOptions } from './notifications/create-email-worker.js';

/** A running service. */
export interface RunningServer {
  /** Where it listens, e.g. `http://127.0.0.1:3000`. */
  url: string;
  server: Server;
  deps: AppDeps;
  /** The PUBLIC_URL the service last started with on this store, when it was another one. */
  previousPublicUrl: string | undefined;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), stops the webhook and email workers, then closes the store. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Starts the service: opens the store (migrating it), builds the app and listens.
 * `customize` may add to the dependencies before the app is built (the dashboard, events).
 */
export async function startServer(
  config: Config,
  options: {
    customize?: (deps: AppDeps) => Promise<void> | void;
    collectDefaultMetrics?: boolean;
    /** The webhook delivery worker's settings (defaults suit production), or false not to run one here. */
    webhooks?: WebhookWorkerOptions | false;
    /** The email worker's settings, or false not to run one here; it runs only when SMTP_URL is set. */
    email?: EmailWorkerOptions | false;
  } = {},
): Promise<RunningServer> {
  const deps = await createAppDeps(config, { collectDefaultMetrics: options.collectDefaultMetrics ?? true });
  try {
    const remembered = await rememberPublicUrl(deps, config.publicUrl);
    await options.customize?.(deps);
    const app = createApp(deps);
    const server = createServer(app);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: config.port, ...(config.host !== undefined && { host: config.host }) }, resolve);
    });
    const { port } = server.address() as AddressInfo;
    const webhookWorker = options.webhooks === false ? undefined : createWebhookWorker(deps, options.webhooks);
    webhookWorker?.start();
    const emailWorker =
      options.email === false || !deps.mailer.configured
        ? undefined
        : createEmailWorker(deps, { leaseMs: (config.mail?.leaseSeconds ?? 120) * 1000, ...options.email });
    emailWorker?.start();
    let closing: Promise<void> | undefined;
    return {
      url: `http://${config.host && config.host !== '0.0.0.0' ? config.host : '127.0.0.1'}:${port}`,
      server,
      deps,
      previousPublicUrl: remembered !== config.publicUrl ? remembered : undefined,
      close(graceMs = 10_000) {
        closing ??= (async () => {
          const closed = new Promise<void>((resolve) => server.close(() => resolve()));
          // Alongside the drain: what the worker leaves undelivered stays queued in the store.
          const workerStopped = Promise.all([webhookWorker?.stop(), emailWorker?.stop()]);
          server.closeIdleConnections();
          const timer = setTimeout(() => server.closeAllConnections(), graceMs);
          await closed;
          clearTimeout(timer);
          await workerStopped;
          await deps.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await deps.close();
    throw error;
  }
}
