import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, checkRetryPolicy, retryDelayMs, type RetryPolicy } from '../../../server/src/webhooks/retry-delay.js';

const HOUR = 3600_000;

/** When each attempt starts, in ms after the event, for a fixed random draw. */
function schedule(policy: RetryPolicy, random: () => number): number[] {
  const starts = [0];
  for (let attempt = 1; attempt < policy.maxAttempts; attempt += 1) starts.push(starts.at(-1)! + retryDelayMs(attempt, policy, random));
  return starts;
}

describe('the default retry policy', () => {
  it('makes at least 5 attempts spread over at least an hour, whatever the jitter', () => {
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBeGreaterThanOrEqual(5);
    for (const random of [() => 0, () => 0.5, () => 0.999_999]) {
      const starts = schedule(DEFAULT_RETRY_POLICY, random);
      expect(starts.at(-1)!).toBeGreaterThanOrEqual(HOUR);
    }
    // The earliest possible schedule (all jitter down) still reaches the 6th attempt after 45 minutes and the last after 7.8 hours.
    const earliest = schedule(DEFAULT_RETRY_POLICY, () => 0);
    expect(earliest[5]).toBeGreaterThan(45 * 60_000);
    expect(earliest.at(-1)).toBe(28_200_000); // 0.8 × (10 + 40 + 160 + 640 + 2560 + 10240 + 21600) s
  });

  it('is bounded: no wait over 6 hours, the last attempt within 11 hours of the event', () => {
    const latest = schedule(DEFAULT_RETRY_POLICY, () => 0.999_999);
    for (let index = 1; index < latest.length; index += 1) expect(latest[index]! - latest[index - 1]!).toBeLessThanOrEqual(6 * HOUR);
    expect(latest.at(-1)!).toBeLessThanOrEqual(11 * HOUR);
  });

  it('grows exponentially without jitter: 10 s, 40 s, 160 s… up to the cap', () => {
    const exact = { ...DEFAULT_RETRY_POLICY, jitter: 0 };
    expect([1, 2, 3, 4, 5, 6, 7].map((attempt) => retryDelayMs(attempt, exact))).toEqual([10_000, 40_000, 160_000, 640_000, 2_560_000, 10_240_000, 21_600_000]);
  });

  it('spreads retries by up to ±20 %, so receivers back from an outage are not hit in step', () => {
    expect(retryDelayMs(2, DEFAULT_RETRY_POLICY, () => 0)).toBe(32_000);
    expect(retryDelayMs(2, DEFAULT_RETRY_POLICY, () => 0.5)).toBe(40_000);
    expect(retryDelayMs(2, DEFAULT_RETRY_POLICY, () => 0.999_999)).toBe(48_000);
  });
});

describe('checkRetryPolicy', () => {
  it('names the bad field in a TypeError', () => {
    expect(() => checkRetryPolicy({ ...DEFAULT_RETRY_POLICY, maxAttempts: 0 })).toThrow(new TypeError('webhook retry policy: maxAttempts must be a whole number from 1 to 50'));
    expect(() => checkRetryPolicy({ ...DEFAULT_RETRY_POLICY, factor: 0.5 })).toThrow(new TypeError('webhook retry policy: factor must be a number, 1 or more'));
    expect(() => checkRetryPolicy({ ...DEFAULT_RETRY_POLICY, maxDelayMs: 1 })).toThrow(/maxDelayMs must be a number of milliseconds, at least initialDelayMs/);
    expect(() => checkRetryPolicy({ ...DEFAULT_RETRY_POLICY, jitter: 1 })).toThrow(/jitter must be a fraction/);
    expect(checkRetryPolicy({ ...DEFAULT_RETRY_POLICY })).toEqual(DEFAULT_RETRY_POLICY);
  });
});
