import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPasswordAttemptLimiter } from '../../../server/src/team/password-attempt-limiter.js';

const refusal = (promise: Promise<void>) => promise.then(() => undefined, (error: { code: string; retryAfter: number }) => ({ code: error.code, retryAfter: error.retryAfter }));

describe('password attempt limits', () => {
  afterEach(() => vi.useRealTimers());

  it('blocks one account from one address, twice as long each time, and nobody else', async () => {
    vi.useFakeTimers();
    const limiter = createPasswordAttemptLimiter({ perAccount: 3, perIp: 100, windowSeconds: 60 });
    for (let attempt = 0; attempt < 3; attempt += 1) await limiter.spend('203.0.113.1', 'owner@example.com');
    expect(await refusal(limiter.spend('203.0.113.1', 'owner@example.com'))).toEqual({ code: 'rate_limited', retryAfter: 60 });
    // The same account from another address, and another account from the same address: untouched.
    await limiter.spend('198.51.100.2', 'owner@example.com');
    await limiter.spend('203.0.113.1', 'someone@example.com');

    vi.advanceTimersByTime(61_000);
    for (let attempt = 0; attempt < 3; attempt += 1) await limiter.spend('203.0.113.1', 'Owner@Example.com');
    expect(await refusal(limiter.spend('203.0.113.1', 'owner@example.com'))).toEqual({ code: 'rate_limited', retryAfter: 120 });
    vi.advanceTimersByTime(61_000);
    expect((await refusal(limiter.spend('203.0.113.1', 'owner@example.com')))?.code).toBe('rate_limited');

    vi.advanceTimersByTime(60_000);
    for (let attempt = 0; attempt < 3; attempt += 1) await limiter.spend('203.0.113.1', 'owner@example.com');
    expect(await refusal(limiter.spend('203.0.113.1', 'owner@example.com'))).toEqual({ code: 'rate_limited', retryAfter: 240 });
  });

  it('forgets an address’s failures at an account after a success there', async () => {
    const limiter = createPasswordAttemptLimiter({ perAccount: 2, perIp: 100, windowSeconds: 60 });
    await limiter.spend('203.0.113.1', 'owner@example.com');
    await limiter.spend('203.0.113.1', 'owner@example.com');
    await limiter.forgive('203.0.113.1', 'owner@example.com');
    await limiter.spend('203.0.113.1', 'owner@example.com');
    await limiter.spend('203.0.113.1', 'owner@example.com');
    expect((await refusal(limiter.spend('203.0.113.1', 'owner@example.com')))?.code).toBe('rate_limited');
  });

  it('caps one address across many accounts', async () => {
    const limiter = createPasswordAttemptLimiter({ perAccount: 10, perIp: 3, windowSeconds: 60 });
    for (const account of ['a@x.example', 'b@x.example', 'c@x.example']) await limiter.spend('203.0.113.1', account);
    expect((await refusal(limiter.spend('203.0.113.1', 'd@x.example')))?.code).toBe('rate_limited');
    await limiter.spend('198.51.100.2', 'd@x.example');
  });
});
