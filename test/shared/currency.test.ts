import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertToProjectCurrency, currencyMinorDigits, exchangeRatesSchema } from '@reqio/shared';

const usd = (exchangeRates: Record<string, number>) => ({ currency: 'USD', exchangeRates });

describe('currencyMinorDigits (ISO 4217, from Intl)', () => {
  it.each([['USD', 2], ['EUR', 2], ['JPY', 0], ['KWD', 3], ['BHD', 3]])('%s has %i', (code, digits) => {
    expect(currencyMinorDigits(code)).toBe(digits);
  });
});

describe('convertToProjectCurrency', () => {
  it('leaves the project currency alone', () => {
    expect(convertToProjectCurrency(4900, undefined, usd({}))).toEqual({ amount: 4900, known: true });
    expect(convertToProjectCurrency(4900, 'USD', usd({ USD: 3 }))).toEqual({ amount: 4900, known: true });
  });

  it.each([
    // round(minor / 10^d(cur) × rate × 10^d(base)), halves up
    ['EUR cents to USD cents', 4900, 'EUR', usd({ EUR: 1.08 }), 5292],
    ['yen to cents', 5000, 'JPY', usd({ JPY: 0.0067 }), 3350],
    ['fils to cents (3 digits)', 12345, 'KWD', usd({ KWD: 3.25 }), 4012],
    ['a half cent goes up', 5, 'EUR', usd({ EUR: 1.1 }), 6],
    ['just under a half goes down', 1, 'EUR', usd({ EUR: 0.4999 }), 0],
    ['cents to yen', 1000, 'USD', { currency: 'JPY', exchangeRates: { USD: 149.5 } }, 1495],
    ['cents to fils', 1, 'USD', { currency: 'KWD', exchangeRates: { USD: 0.3075 } }, 3],
    ['a rate in exponent form', 100000000, 'EUR', usd({ EUR: 1e-7 }), 10],
  ])('%s', (_name, minor, currency, money, amount) => {
    expect(convertToProjectCurrency(minor, currency, money)).toEqual({ amount, known: true });
  });

  it('weighs an amount in a currency with no rate 0, and says so', () => {
    expect(convertToProjectCurrency(4900, 'GBP', usd({ EUR: 1.08 }))).toEqual({ amount: 0, known: false });
  });

  it('agrees with exact decimal arithmetic on random amounts and rates', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 1, max: 9_999_999 }), (minor, rateMillionths) => {
        const rate = rateMillionths / 1_000_000;
        // minor cents × rate: exact in millionths of a cent, then halves up.
        const exactMillionths = BigInt(minor) * BigInt(rateMillionths);
        const expected = Number(exactMillionths / 1_000_000n + (exactMillionths % 1_000_000n >= 500_000n ? 1n : 0n));
        expect(convertToProjectCurrency(minor, 'EUR', usd({ EUR: rate })).amount).toBe(expected);
      }),
    );
  });
});

describe('exchangeRatesSchema', () => {
  it('upper-cases codes and refuses bad rates and codes', () => {
    expect(exchangeRatesSchema.parse({ eur: 1.08, JPY: 0.0067 })).toEqual({ EUR: 1.08, JPY: 0.0067 });
    expect(exchangeRatesSchema.safeParse({ EUR: 0 }).success).toBe(false);
    expect(exchangeRatesSchema.safeParse({ EUR: -1 }).success).toBe(false);
    expect(exchangeRatesSchema.safeParse({ EURO: 1 }).success).toBe(false);
    expect(exchangeRatesSchema.safeParse({ EUR: '1.08' }).success).toBe(false);
  });
});
