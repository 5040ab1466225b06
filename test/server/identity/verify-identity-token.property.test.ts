import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IdentityTokenError, verifyIdentityToken } from '@reqio/server';
import { mintIdentityToken } from '@reqio/server/mint';
import { AUDIENCE, SECRET } from '../../helpers/tokens.js';

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-22T12:00:00Z'));
});
afterAll(() => vi.useRealTimers());

describe('a valid token with any one byte changed', () => {
  it('is rejected with an identity code, or yields exactly the same claims', async () => {
    const token = await mintIdentityToken(
      { sub: 'user_42', email: 'x@y.io', traits: { plan: 'pro', amount: 120000, interval: 'year', seats: 5 } },
      { secret: SECRET, audience: AUDIENCE },
    );
    const original = await verifyIdentityToken(token, { secrets: SECRET, audience: AUDIENCE });
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: token.length - 1 }), fc.integer({ min: 1, max: 255 }), async (index, delta) => {
        const bytes = Buffer.from(token, 'latin1');
        bytes[index] = (bytes[index]! + delta) % 256;
        const changed = bytes.toString('latin1');
        try {
          const identity = await verifyIdentityToken(changed, { secrets: SECRET, audience: AUDIENCE });
          expect(identity.claims).toEqual(original.claims);
          expect(identity.monthlyAmount).toBe(original.monthlyAmount);
        } catch (error) {
          expect(error).toBeInstanceOf(IdentityTokenError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
