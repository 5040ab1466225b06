import { createWebhookWorker, type WebhookWorker, type WebhookWorkerOptions } from '../../server/src/webhooks/create-webhook-worker.js';
import type { TestApp } from './start-test-app.js';

/** Worker timings for tests: polls every 20 ms, retries after 50 ms, no jitter. */
export const FAST_WORKER: WebhookWorkerOptions = {
  pollIntervalMs: 20,
  attemptTimeoutMs: 2000,
  leaseMs: 5000,
  retry: { initialDelayMs: 50, factor: 1, maxDelayMs: 50, jitter: 0 },
};

/** Starts a delivery worker on the test app's store (stop it before closing the app). */
export function startWorker(app: Pick<TestApp, 'deps'>, options: WebhookWorkerOptions = {}): WebhookWorker {
  const worker = createWebhookWorker(app.deps, { ...FAST_WORKER, ...options, retry: { ...FAST_WORKER.retry, ...options.retry } });
  worker.start();
  return worker;
}

/** Polls `read` until `accept` holds; fails after `timeoutMs` with the last value. */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
