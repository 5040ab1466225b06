import { describe, expect, it } from 'vitest';
import { toAmount } from '@reqio/server/mint';

describe('toAmount', () => {
  it.each([
    ['4900', 4900],
    ['0', 0],
    ['100000000000', 100_000_000_000],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
    [4900, 4900],
    [4900n, 4900],
    [null, null],
    [undefined, null],
  ] as const)('converts %o exactly to %o', (value, amount) => {
    expect(toAmount(value)).toBe(amount);
  });

  it.each([
    ['49.99', '"49.99"'],
    ['4900.00', '"4900.00"'],
    ['4,900', '"4,900"'],
    ['-5', '"-5"'],
    [' 4900', '" 4900"'],
    ['', '""'],
    ['9007199254740993', '"9007199254740993"'],
    [49.99, '49.99'],
    [-1, '-1'],
    [-1n, '-1'],
    [Number.NaN, 'NaN'],
    [true, 'a boolean'],
    [{}, 'a object'],
  ] as const)('refuses %o with a TypeError', (value, shown) => {
    expect(() => toAmount(value)).toThrow(new TypeError(`toAmount: ${shown} is not a whole number of cents (send 4900 or "4900" for $49.00, not 49.99)`));
  });
});
