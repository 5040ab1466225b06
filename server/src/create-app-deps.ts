import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import pinoPretty from 'pino-pretty';
import type { Config } from './config/load-config.js';
import type { AppDeps } from './http/app-deps.js';
import { createMetrics } from './http/middleware/metrics.js';
import { createRateLimits } from './http/middleware/rate-limit.js';
import { loadMasterKey } from './identity/load-master-key.js';
import { createProjectKeyRing } from './identity/project-key-ring.js';
import { createSecretCipher } from './identity/secret-cipher.js';
import { createWidgetSessions } from './identity/widget-sessions.js';
import { createActiveUserCache } from './services/users/active-user-cache.js';
import { createVotedReads } from './services/requests/voted-reads.js';
import { createIdentifyStateReads } from './services/users/identify-state-reads.js';
import { createIdentifyHints } from './services/users/identify-hints.js';
import { createIdentityStateCache } from './services/users/identity-state-cache.js';
import type { Database } from './storage/database.js';
import { announceChange, openChangeFeed } from './storage/change-feed.js';
import { createWidgetListCache } from './services/requests/widget-list-cache.js';
import { openDatabase } from './storage/open-database.js';
import { createWebhookOutbox } from './webhooks/create-webhook-outbox.js';
import { createWebhookTargetGuard } from './webhooks/webhook-target-guard.js';
import { silentNotifier } from './services/notifications/change-notifier.js';
import { deriveKey } from './identity/derive-key.js';
import { createEmailNotifier } from './notifications/create-email-notifier.js';
import { createMailer } from './notifications/create-mailer.js';
import { createUnsubscribeTokens } from './notifications/unsubscribe-tokens.js';

/** Where the built widget is, from `server/src` and `server/dist` alike. */
export const DEFAULT_WIDGET_FILE = fileURLToPath(new URL('../../widget/dist/widget.js', import.meta.url));

/** Where `npm run build` packs `@reqio/mint`, from `server/src` and `server/dist` alike. */
export const DEFAULT_MINT_TARBALL = fileURLToPath(new URL('../mint/pack/reqio-mint.tgz', import.meta.url));

/** Keys whose values are credentials, redacted at the top of a log record and one level down. */
const credentialKeys = ['token', 'secret', 'apiKey', 'session', 'password'];

/**
 * A logger that never writes credentials, whatever object is logged: JSON lines on standard
 * output, or the same records made readable by pino-pretty with `format: 'pretty'`.
 */
export function createLogger(level: string, format: 'json' | 'pretty' = 'json'): Logger {
  const options = {
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', ...credentialKeys, ...credentialKeys.map((key) => `*.${key}`)],
      censor: '[redacted]',
    },
  };
  return format === 'pretty' ? pino(options, pinoPretty({ translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', sync: true })) : pino(options);
}

/** Everything `createApp` needs, built from the configuration, and how to release it. */
export async function createAppDeps(
  config: Config,
  options: { db?: Database; logger?: Logger; collectDefaultMetrics?: boolean; rateLimitKeyPrefix?: string } = {},
): Promise<AppDeps & { close(): Promise<void> }> {
  const masterKey = loadMasterKey({ masterKey: config.masterKey, dataDir: config.dataDir });
  const db = options.db ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  const redis = config.redisUrl === undefined ? undefined : new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
  if (redis !== undefined) {
    const logger = options.logger ?? createLogger(config.logLevel, config.logFormat);
    redis.on('error', () => {}); // the insurance limiter covers an outage; ioredis reconnects
    // Wait for the connection so the first requests are counted in Redis, not in memory.
    const ready = await Promise.race([
      new Promise<boolean>((resolve) => redis.once('ready', () => resolve(true))),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3000).unref()),
    ]);
    if (!ready) logger.warn('Redis is not reachable yet: rate limits are per instance until it is');
  }
  const cipher = createSecretCipher(masterKey);
  const keyRing = createProjectKeyRing({ db, cipher, publicUrl: config.publicUrl });
  const activeUsers = createActiveUserCache(db);
  const identityStates = await createIdentityStateCache(db);
  const identifyHints = createIdentifyHints();
  const identifyReads = createIdentifyStateReads(db);
  const votedReads = createVotedReads(db);
  // Another instance's rotation, settings change or user deletion reaches this one's caches
  // at once (CONTRACT §5); their TTLs stay as the fallback.
  const changes = await openChangeFeed(db);
  // Widget list pages: dropped here when this instance writes (and announced to the others),
  // and when another instance's write arrives through the feed.
  // On the embedded store this process makes every write (it holds the store), so callers'
  // votes can be kept too; on PostgreSQL they are read from the store on every list.
  const instance = randomBytes(8).toString('hex');
  const widgetListCache = createWidgetListCache({ announce: (projectId) => announceChange(db, { type: 'requests', projectId, origin: instance }), cacheVotes: db.kind === 'pglite' });
  changes.subscribe((change) => {
    if (change.type === 'requests') {
      if (change.origin !== instance) widgetListCache.invalidate(change.projectId);
    }
    else if (change.type === 'project') keyRing.invalidate(change.projectId);
    else if (change.type === 'user_deleted') {
      activeUsers.forget(change.userId);
      identifyHints.forgetUser(change.userId);
    }
    else if (change.type === 'resync') {
      keyRing.invalidate();
      activeUsers.clear();
      widgetListCache.clear();
      identifyHints.clear();
    }
  });
  // One SMTP conversation must end well within an email's lease, or a slow one could be sent twice.
  const mailer = createMailer(config.mail, { attemptTimeoutMs: Math.min(30_000, ((config.mail?.leaseSeconds ?? 120) * 1000) / 2) });
  const unsubscribeTokens = createUnsubscribeTokens(deriveKey(masterKey, 'unsubscribe-links'));
  return {
    config,
    db,
    cipher,
    keyRing,
    sessions: createWidgetSessions({ masterKey, ttlSeconds: config.sessionTtlSeconds, anonymousTtlSeconds: config.anonymousSessionTtlSeconds }),
    activeUsers,
    changes,
    widgetListCache,
    ...(identityStates !== undefined && { identityStates }),
    identifyHints,
    identifyReads,
    votedReads,
    // Events go to the webhook outbox inside the transaction that caused them; the worker started by startServer sends them.
    events: createWebhookOutbox(),
    webhookTargets: createWebhookTargetGuard({ allowPrivate: config.webhookAllowPrivate }),
    // Status changes and team replies queue emails in the same transaction; the email worker started by startServer sends them.
    notifier: mailer.configured ? createEmailNotifier({ keyRing, tokens: unsubscribeTokens, publicUrl: config.publicUrl }) : silentNotifier,
    mailer,
    unsubscribeTokens,
    logger: options.logger ?? createLogger(config.logLevel, config.logFormat),
    metrics: createMetrics({ collectDefaults: options.collectDefaultMetrics ?? false }),
    rateLimits: createRateLimits(config.rateLimits, { redis, ...(options.rateLimitKeyPrefix !== undefined && { keyPrefix: options.rateLimitKeyPrefix }) }),
    widgetFile: DEFAULT_WIDGET_FILE,
    mintTarball: DEFAULT_MINT_TARBALL,
    async close() {
      await changes.close();
      await identityStates?.close();
      redis?.disconnect();
      mailer.close();
      if (options.db === undefined) await db.close();
    },
  };
}
