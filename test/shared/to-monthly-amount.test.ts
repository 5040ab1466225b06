import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS, toMonthlyAmount } from '@reqio/shared';

describe('toMonthlyAmount', () => {
  it.each([
    // The contract's examples.
    [12000, 'year', 1000],
    [9999, 'year', 833],
    [1999, 'year', 167],
    [6, 'year', 1],
    [4900, 'month', 4900],
    // Edges.
    [0, 'year', 0],
    [0, 'month', 0],
    [LIMITS.maxAmount, 'month', LIMITS.maxAmount],
    [LIMITS.maxAmount, 'year', 8_333_333_333],
    [11, 'year', 1],
    [1, 'year', 0],
    [5, 'year', 0],
    [18, 'year', 2],
    [30, 'year', 3],
    [4900, undefined, 4900],
    [4900, null, 4900],
  ] as const)('%s per %s is %s a month', (amount, interval, expected) => {
    expect(toMonthlyAmount(amount, interval)).toBe(expected);
  });

  it.each([
    ['an unknown interval', 4900, 'week'],
    ['a capitalised interval', 4900, 'Year'],
    ['a float', 99.99, 'month'],
    ['a negative amount', -100, 'month'],
    ['a numeric string', '4900', 'month'],
    ['NaN', Number.NaN, 'month'],
    ['Infinity', Number.POSITIVE_INFINITY, 'year'],
    ['an amount over the maximum', LIMITS.maxAmount + 1, 'month'],
    ['an unsafe integer', 2 ** 60, 'month'],
    ['null', null, 'month'],
    ['an object', { amount: 1 }, 'month'],
  ])('weighs %s as 0', (_name, amount, interval) => {
    expect(toMonthlyAmount(amount, interval)).toBe(0);
  });

  it('is total: any input gives a non-negative integer', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (amount, interval) => {
        const monthly = toMonthlyAmount(amount, interval);
        expect(Number.isSafeInteger(monthly)).toBe(true);
        expect(monthly).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('rounds annual amounts to the nearest cent, halves up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: LIMITS.maxAmount }), (amount) => {
        const monthly = toMonthlyAmount(amount, 'year');
        expect(Math.abs(monthly * 12 - amount)).toBeLessThanOrEqual(6);
        if (amount % 12 === 6) expect(monthly).toBe((amount + 6) / 12);
      }),
    );
  });
});
