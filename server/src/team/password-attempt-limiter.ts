import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '../errors/rate-limited-error.js';

/** Limits password attempts (sign-in, set-up, revealing a secret) per IP and per account. */
export interface PasswordAttemptLimiter {
  /** Spends one attempt for the IP and the account; throws 429 `rate_limited` when either is out. */
  spend(ip: string, account: string): Promise<void>;
  /** Forgets the account's failures after a success. */
  forgive(account: string): Promise<void>;
}

/**
 * Creates the limiter: by default 10 attempts per account and 30 per IP in 15 minutes.
 * Both are checked before scrypt runs, so guessing costs the attacker time and us little.
 * Held in memory: each instance of a fleet counts on its own.
 */
export function createPasswordAttemptLimiter(options: { perAccount?: number; perIp?: number; windowSeconds?: number } = {}): PasswordAttemptLimiter {
  const duration = options.windowSeconds ?? 900;
  const perAccount = new RateLimiterMemory({ keyPrefix: 'dashboard:account', points: options.perAccount ?? 10, duration });
  const perIp = new RateLimiterMemory({ keyPrefix: 'dashboard:ip', points: options.perIp ?? 30, duration });
  return {
    async spend(ip, account) {
      try {
        await Promise.all([perIp.consume(ip), perAccount.consume(account.toLowerCase())]);
      } catch (error) {
        if (error instanceof RateLimiterRes) throw new RateLimitedError(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
        throw error;
      }
    },
    async forgive(account) {
      await perAccount.delete(account.toLowerCase());
    },
  };
}
