/** How a failing delivery is retried. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Delay after the first failed attempt. */
  initialDelayMs: number;
  /** Each delay is this many times the one before… */
  factor: number;
  /** …up to this. */
  maxDelayMs: number;
  /** Each delay is moved by up to this fraction either way, so retries after an outage do not arrive in step. */
  jitter: number;
}

/**
 * 8 attempts: the first at once, then after 10 s, 40 s, 2.7 min, 11 min, 43 min, 2.8 h and
 * 6 h (each ±20 %, never over 6 h). The sixth comes about an hour after the event, the last
 * 7.8 to 10.6 hours after it: a receiver down for an evening still gets the event.
 */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 8,
  initialDelayMs: 10_000,
  factor: 4,
  maxDelayMs: 6 * 3600_000,
  jitter: 0.2,
});

/** Checks a policy once, when a worker is built; a `TypeError` names the bad field. */
export function checkRetryPolicy(policy: RetryPolicy): RetryPolicy {
  const rules: [keyof RetryPolicy, (value: number) => boolean, string][] = [
    ['maxAttempts', (value) => Number.isInteger(value) && value >= 1 && value <= 50, 'a whole number from 1 to 50'],
    ['initialDelayMs', (value) => Number.isFinite(value) && value >= 0, 'a number of milliseconds, 0 or more'],
    ['factor', (value) => Number.isFinite(value) && value >= 1, 'a number, 1 or more'],
    ['maxDelayMs', (value) => Number.isFinite(value) && value >= policy.initialDelayMs, 'a number of milliseconds, at least initialDelayMs'],
    ['jitter', (value) => Number.isFinite(value) && value >= 0 && value < 1, 'a fraction from 0 to below 1'],
  ];
  for (const [field, isValid, expected] of rules) {
    if (typeof policy[field] !== 'number' || !isValid(policy[field])) throw new TypeError(`webhook retry policy: ${field} must be ${expected}`);
  }
  return policy;
}

/**
 * Milliseconds to wait after failed attempt number `attempt` (1 for the first): exponential,
 * capped at `maxDelayMs`, with jitter. `random` returns a number in [0, 1).
 */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** (attempt - 1));
  const jittered = base * (1 - policy.jitter + 2 * policy.jitter * random());
  return Math.round(Math.min(policy.maxDelayMs, jittered));
}
