import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimitedError } from '../errors/rate-limited-error.js';

/** Limits password attempts (sign-in, set-up, step-up, password change) per account and IP, and per IP. */
export interface PasswordAttemptLimiter {
  /** Spends one attempt of the account from this IP and of the IP; throws 429 `rate_limited` when either is out. */
  spend(ip: string, account: string): Promise<void>;
  /** Forgets the account's failures from this IP after a success. */
  forgive(ip: string, account: string): Promise<void>;
}

/** Options of {@link createPasswordAttemptLimiter}. */
export interface PasswordAttemptOptions {
  /** Attempts at one account from one IP per window; default 10. */
  perAccount?: number;
  /** Attempts from one IP at any accounts per window; default 30. */
  perIp?: number;
  /** The window, in seconds; default 15 minutes. */
  windowSeconds?: number;
}

/** The longest a pair of account and IP stays blocked: one day. */
const MAX_BLOCK_SECONDS = 24 * 3600;

/** Where the limiter keeps its counters: in memory, or `create` from the app's rate limits (Redis when `REDIS_URL` is set). */
export type LimiterFactory = (name: string, points: number, durationSeconds: number) => RateLimiterAbstract;

const memoryLimiters: LimiterFactory = (name, points, duration) => new RateLimiterMemory({ keyPrefix: `dashboard:${name}`, points, duration });

/**
 * Creates the limiter. Attempts are counted per pair of account and IP, so ten wrong
 * passwords from one address lock that address out of that account and nobody else: the
 * owner signs in from their own. Each time a pair runs out it is blocked for longer (one
 * window, then two, four… up to a day): backoff for a patient guesser. The IP limit caps
 * one address guessing across many accounts. Both are checked before scrypt runs.
 */
export function createPasswordAttemptLimiter(options: PasswordAttemptOptions = {}, create: LimiterFactory = memoryLimiters): PasswordAttemptLimiter {
  const window = options.windowSeconds ?? 900;
  const pairPoints = options.perAccount ?? 10;
  const perPair = create('password:account-ip', pairPoints, window);
  const perIp = create('password:ip', options.perIp ?? 30, window);
  const streaks = create('password:streak', 1_000_000, MAX_BLOCK_SECONDS);
  const pairKey = (ip: string, account: string) => `${account.toLowerCase()}|${ip}`;
  const refuse = (seconds: number) => new RateLimitedError(Math.max(1, Math.ceil(seconds)));

  return {
    async spend(ip, account) {
      const pair = pairKey(ip, account);
      try {
        await perIp.consume(ip);
      } catch (error) {
        if (error instanceof RateLimiterRes) throw refuse(error.msBeforeNext / 1000);
        throw error;
      }
      try {
        await perPair.consume(pair);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        // The attempt that crossed the line starts a block, twice as long as the last one.
        if (error.consumedPoints === pairPoints + 1) {
          const streak = await streaks.penalty(pair, 1);
          const seconds = Math.min(window * 2 ** (streak.consumedPoints - 1), MAX_BLOCK_SECONDS);
          await perPair.block(pair, seconds);
          throw refuse(seconds);
        }
        throw refuse(error.msBeforeNext / 1000);
      }
    },
    async forgive(ip, account) {
      const pair = pairKey(ip, account);
      await Promise.all([perPair.delete(pair), streaks.delete(pair)]);
    },
  };
}
