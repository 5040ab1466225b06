import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { SecretCipher } from '../identity/secret-cipher.js';
import type { Database } from '../storage/database.js';
import { claimDueDeliveries, finishDeliveryAttempt, type ClaimedDelivery } from '../storage/webhooks/webhook-delivery-queries.js';
import { pruneWebhookEvents } from '../storage/webhooks/webhook-event-queries.js';
import { DEFAULT_RETRY_POLICY, checkRetryPolicy, retryDelayMs, type RetryPolicy } from './retry-delay.js';
import { sendWebhook, type SendResult } from './send-webhook.js';
import { signWebhookPayload } from './sign-webhook-payload.js';
import { decryptWebhookSecret } from './webhook-secret-cipher.js';
import type { WebhookTargetGuard } from './webhook-target-guard.js';

/** How the delivery worker runs; every field has a production default. */
export interface WebhookWorkerOptions {
  /** How often to look for due deliveries when idle. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Deliveries in flight at once, per instance. Default 10. */
  concurrency?: number;
  /** Longest one HTTP attempt may take, answer excerpt included. Default 10 s. */
  attemptTimeoutMs?: number;
  /** How long a claimed delivery stays this instance's before another may take it over. Default 60 s. */
  leaseMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Events older than this, with nothing left to deliver, are deleted with their log. Default 30 days. */
  retentionSeconds?: number;
  /** Where HTTP goes (tests). Default the global `fetch`. */
  fetch?: typeof fetch;
  /** The jitter's random source (tests). Default `Math.random`. */
  random?: () => number;
}

/** The background sender of webhook deliveries. */
export interface WebhookWorker {
  /** Starts polling; a second call does nothing. */
  start(): void;
  /** Stops claiming, lets attempts in flight finish (each bounded by its timeout) and records them. */
  stop(): Promise<void>;
}

const PRUNE_EVERY_MS = 3600_000;
const PRUNE_BATCH = 1000;

function positive(name: string, value: number, min = 1): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) throw new TypeError(`createWebhookWorker: ${name} must be a number, ${min} or more`);
  return value;
}

/**
 * The delivery worker: claims due deliveries from the database outbox (several instances
 * may run one against the same PostgreSQL), signs and POSTs each, logs the attempt and
 * schedules a retry with exponential backoff until the policy's attempts are used up.
 * Nothing is held in memory between attempts, so a restart loses nothing: a delivery
 * claimed by an instance that died comes due again when its lease ends.
 */
export function createWebhookWorker(deps: { db: Database; cipher: SecretCipher; logger: Logger; webhookTargets: WebhookTargetGuard }, options: WebhookWorkerOptions = {}): WebhookWorker {
  const pollIntervalMs = positive('pollIntervalMs', options.pollIntervalMs ?? 1000);
  const concurrency = positive('concurrency', options.concurrency ?? 10);
  const attemptTimeoutMs = positive('attemptTimeoutMs', options.attemptTimeoutMs ?? 10_000);
  const leaseMs = positive('leaseMs', options.leaseMs ?? Math.max(60_000, attemptTimeoutMs * 2));
  if (leaseMs <= attemptTimeoutMs) throw new TypeError('createWebhookWorker: leaseMs must be longer than attemptTimeoutMs, or a slow attempt would be taken over mid-flight');
  const retentionSeconds = positive('retentionSeconds', options.retentionSeconds ?? 30 * 24 * 3600);
  const policy = checkRetryPolicy({ ...DEFAULT_RETRY_POLICY, ...options.retry });
  const random = options.random ?? Math.random;
  const logger = deps.logger.child({ component: 'webhooks' });
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

  const inFlight = new Set<Promise<void>>();
  let running: Promise<void> | undefined;
  let stopping = false;
  let wake: (() => void) | undefined;
  let lastPrune = 0;
  let storeFailures = 0;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  async function send(delivery: ClaimedDelivery): Promise<SendResult> {
    let headers;
    try {
      const secrets = [decryptWebhookSecret(deps.cipher, delivery.endpointId, delivery.encryptedSecret)];
      if (delivery.previousEncryptedSecret !== null) secrets.push(decryptWebhookSecret(deps.cipher, delivery.endpointId, delivery.previousEncryptedSecret));
      headers = await signWebhookPayload({ id: delivery.eventId, timestamp: new Date(), payload: delivery.payload, secrets });
    } catch {
      // Not the error's message: it must not matter what the secret looked like.
      return { startedAt: new Date().toISOString(), durationMs: 0, statusCode: null, error: 'the endpoint secret could not be decrypted (was REQIO_MASTER_KEY changed?)', responseExcerpt: null };
    }
    return sendWebhook({ url: delivery.url, headers, body: delivery.payload, timeoutMs: attemptTimeoutMs, guard: deps.webhookTargets, ...(options.fetch && { fetch: options.fetch }) });
  }

  async function attempt(delivery: ClaimedDelivery): Promise<void> {
    const result = await send(delivery);
    const succeeded = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const next = succeeded
      ? ({ state: 'succeeded' } as const)
      : delivery.attempt >= policy.maxAttempts
        ? ({ state: 'failed' } as const)
        : ({ state: 'pending', retryInMs: retryDelayMs(delivery.attempt, policy, random) } as const);
    const log = { deliveryId: delivery.id, endpointId: delivery.endpointId, eventId: delivery.eventId, attempt: delivery.attempt, statusCode: result.statusCode, durationMs: result.durationMs };
    try {
      const kept = await deps.db.transaction((tx) =>
        finishDeliveryAttempt(tx, { deliveryId: delivery.id, owner, attempt: { attempt: delivery.attempt, succeeded, ...result }, next }),
      );
      if (!kept) logger.warn(log, 'webhook attempt finished after its lease was taken over; logged, state left to the newer attempt');
      else if (succeeded) logger.debug(log, 'webhook delivered');
      else logger.warn({ ...log, error: result.error, next: next.state, ...(next.state === 'pending' && { retryInMs: next.retryInMs }) }, 'webhook attempt failed');
    } catch (error) {
      // The lease runs out and the delivery comes due again: at least once, never lost.
      logger.error({ ...log, err: error }, 'webhook attempt could not be recorded');
    }
  }

  async function pruneNowAndThen(): Promise<void> {
    if (Date.now() - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = Date.now();
    const pruned = await pruneWebhookEvents(deps.db, retentionSeconds, PRUNE_BATCH);
    if (pruned > 0) logger.info({ pruned }, 'old webhook events deleted');
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      const room = concurrency - inFlight.size;
      let claimed = 0;
      try {
        if (room > 0) {
          const deliveries = await claimDueDeliveries(deps.db, { owner, limit: room, leaseMs });
          claimed = deliveries.length;
          for (const delivery of deliveries) {
            const task = attempt(delivery)
              .catch((error: unknown) => logger.error({ deliveryId: delivery.id, err: error }, 'webhook attempt failed unexpectedly; it comes due again when its lease ends'))
              .finally(() => {
                inFlight.delete(task);
                wake?.();
              });
            inFlight.add(task);
          }
        }
        await pruneNowAndThen();
        storeFailures = 0;
      } catch (error) {
        storeFailures += 1;
        if (storeFailures === 1 || storeFailures % 60 === 0) logger.error({ err: error, failures: storeFailures }, 'webhook worker could not read the outbox; retrying');
      }
      // A full batch means more may be due: claim again at once, unless every slot is busy.
      if (claimed > 0 && claimed === room && inFlight.size < concurrency) continue;
      // While the store fails, back off up to 30 s rather than hammer it.
      if (!stopping) await sleep(storeFailures === 0 ? pollIntervalMs : Math.min(30_000, pollIntervalMs * 2 ** Math.min(storeFailures, 10)));
    }
    await Promise.allSettled([...inFlight]);
  }

  return {
    start() {
      if (running !== undefined) return;
      stopping = false;
      running = loop();
    },
    async stop() {
      stopping = true;
      wake?.();
      await running;
      running = undefined;
    },
  };
}
