import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Database } from '../storage/database.js';
import { claimDueEmails, finishEmailAttempt, pruneEmails, releaseEmailLeases, type ClaimedEmail } from '../storage/notifications/email-outbox-queries.js';
import { DEFAULT_RETRY_POLICY, checkRetryPolicy, retryDelayMs, type RetryPolicy } from '../webhooks/retry-delay.js';
import { MailSendError, type Mailer } from './create-mailer.js';
import { createOutboxPoller } from '../lib/create-outbox-poller.js';

/** How the email worker runs; every field has a production default. */
export interface EmailWorkerOptions {
  /** How often to look for due emails when idle. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Emails in flight at once, per instance. Default 5. */
  concurrency?: number;
  /** How long a claimed email stays this instance's; longer than one SMTP conversation. Default 120 s. */
  leaseMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Sent and failed emails older than this are deleted. Default 30 days. */
  retentionSeconds?: number;
}

/** The background sender of queued emails. */
export interface EmailWorker {
  start(): void;
  /** Stops claiming and lets the emails in flight finish. */
  stop(): Promise<void>;
}

const PRUNE_EVERY_MS = 3600_000;

/**
 * The email worker: claims due emails from the outbox (several instances may share one
 * PostgreSQL), sends each over SMTP with its fixed Message-ID, and marks it sent, or retries
 * it with exponential backoff, or gives up after the policy's attempts or on a permanent
 * refusal. Nothing lives in memory between attempts, so a crash loses nothing; an email
 * claimed by an instance that died comes due again when its lease ends (at once on the
 * embedded store, which only one process can hold).
 */
export function createEmailWorker(deps: { db: Database; mailer: Mailer; logger: Logger }, options: EmailWorkerOptions = {}): EmailWorker {
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const concurrency = options.concurrency ?? 5;
  const leaseMs = options.leaseMs ?? 120_000;
  const retentionSeconds = options.retentionSeconds ?? 30 * 24 * 3600;
  const policy = checkRetryPolicy({ ...DEFAULT_RETRY_POLICY, ...options.retry });
  const logger = deps.logger.child({ component: 'email' });
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  let lastPrune = 0;

  async function attempt(email: ClaimedEmail): Promise<void> {
    let next: Parameters<typeof finishEmailAttempt>[1]['next'];
    try {
      await deps.mailer.send({ to: email.recipient, subject: email.subject, text: email.text, html: email.html, messageId: email.messageId, unsubscribeUrl: email.unsubscribeUrl });
      next = { state: 'sent' };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof MailSendError && error.permanent;
      next = permanent || email.attempt >= policy.maxAttempts ? { state: 'failed', error: message } : { state: 'pending', retryInMs: retryDelayMs(email.attempt, policy), error: message };
      logger.warn({ emailId: email.id, attempt: email.attempt, error: message, next: next.state }, 'email attempt failed');
    }
    if (!(await deps.db.transaction((tx) => finishEmailAttempt(tx, { id: email.id, owner, next })))) {
      logger.warn({ emailId: email.id }, 'email attempt finished after its lease was taken over');
    }
  }

  return createOutboxPoller({
    logger,
    pollIntervalMs,
    concurrency,
    claim: (limit) => claimDueEmails(deps.db, { owner, limit, leaseMs }),
    attempt,
    describe: (email) => ({ emailId: email.id }),
    async housekeeping() {
      if (Date.now() - lastPrune < PRUNE_EVERY_MS) return;
      lastPrune = Date.now();
      await pruneEmails(deps.db, retentionSeconds, 1000);
    },
    // Only one process can hold the embedded store: what its dead predecessor had claimed is free now.
    beforeStart: deps.db.kind === 'pglite' ? async () => void (await releaseEmailLeases(deps.db)) : undefined,
  });
}
