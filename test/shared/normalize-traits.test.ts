import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeCompany, normalizeTraits } from '@reqio/shared';

describe('normalizeTraits', () => {
  it('keeps valid revenue traits and derives the monthly amount', () => {
    expect(normalizeTraits({ plan: '  Pro  ', amount: 120000, interval: 'year', seats: 12, beta: true })).toEqual({
      traits: { plan: 'Pro', amount: 120000, interval: 'year', custom: { seats: 12, beta: true } },
      monthlyAmount: 10000,
      dropped: [],
    });
  });

  it('treats an amount with no interval as monthly', () => {
    expect(normalizeTraits({ amount: 4900 })).toMatchObject({ traits: { amount: 4900, interval: 'month' }, monthlyAmount: 4900 });
  });

  it.each([undefined, null, {}])('gives no revenue and no warning for %s', (raw) => {
    expect(normalizeTraits(raw)).toEqual({ traits: { custom: {} }, monthlyAmount: 0, dropped: [] });
  });

  it('treats null traits as absent, as Python and PHP send them', () => {
    expect(normalizeTraits({ plan: null, amount: null, interval: null, company: null })).toEqual({
      traits: { custom: {} },
      monthlyAmount: 0,
      dropped: [],
    });
  });

  it.each([
    ['a float amount', { plan: 'pro', amount: 99.99, interval: 'year' }, ['traits.amount'], { plan: 'pro', interval: 'year' }],
    ['a negative amount', { amount: -1 }, ['traits.amount'], {}],
    ['a numeric string amount', { amount: '4900' }, ['traits.amount'], {}],
    ['an amount over the maximum', { amount: 100_000_000_001 }, ['traits.amount'], {}],
    ['an unknown interval', { amount: 4900, interval: 'quarter' }, ['traits.interval'], { amount: 4900 }],
    ['a long plan', { plan: 'x'.repeat(101), amount: 100 }, ['traits.plan'], { amount: 100, interval: 'month' }],
    ['a long custom string', { amount: 100, company: 'x'.repeat(257) }, ['traits.company'], { amount: 100, interval: 'month' }],
    ['a custom object', { amount: 100, address: { city: 'Paris' } }, ['traits.address'], { amount: 100, interval: 'month' }],
  ])('drops %s and weighs the user 0', (_name, raw, fields, kept) => {
    const result = normalizeTraits(raw);
    expect(result.dropped.map((d) => d.field)).toEqual(fields);
    expect(result.monthlyAmount).toBe(0);
    expect(result.traits).toEqual({ custom: {}, ...kept });
  });

  it('keeps 20 custom traits and drops the 21st', () => {
    const raw = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`t${i}`, i]));
    const result = normalizeTraits(raw);
    expect(Object.keys(result.traits.custom)).toHaveLength(20);
    expect(result.dropped).toEqual([{ field: 'traits.t20', reason: 'more than 20 custom traits' }]);
  });

  it.each([['a string', 'pro'], ['an array', [1, 2]], ['a number', 5]])('drops traits that are %s', (_name, raw) => {
    expect(normalizeTraits(raw)).toEqual({ traits: { custom: {} }, monthlyAmount: 0, dropped: [{ field: 'traits', reason: 'must be an object' }] });
  });

  it('is total: any input normalises without throwing to a non-negative integer', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ amount: fc.anything(), interval: fc.anything(), plan: fc.anything() })), (raw) => {
        const { monthlyAmount } = normalizeTraits(raw);
        expect(Number.isSafeInteger(monthlyAmount)).toBe(true);
        expect(monthlyAmount).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('normalizeTraits: currency and Go zero values', () => {
  it('upper-cases the currency and keeps the amount in its minor units', () => {
    expect(normalizeTraits({ amount: 5000, currency: 'jpy' })).toMatchObject({ traits: { amount: 5000, interval: 'month', currency: 'JPY' }, monthlyAmount: 5000 });
  });

  it.each([['xyz'], ['EURO'], [978], [true]])('drops the currency %j and weighs the user 0', (currency) => {
    expect(normalizeTraits({ amount: 5000, currency })).toMatchObject({ monthlyAmount: 0, dropped: [{ field: 'traits.currency' }] });
  });

  it('reads "" as an absent interval and currency', () => {
    expect(normalizeTraits({ amount: 4900, interval: '', currency: '' })).toEqual({ traits: { amount: 4900, interval: 'month', custom: {} }, monthlyAmount: 4900, dropped: [] });
  });
});

describe('normalizeCompany', () => {
  it('is absent without a claim', () => {
    expect(normalizeCompany(undefined)).toEqual({ company: undefined, valid: true, dropped: [] });
  });

  it('keeps a company with its revenue fields and custom keys', () => {
    expect(normalizeCompany({ id: 7, name: 'Acme', amount: 240000, interval: 'year', currency: 'kwd', region: 'EU' })).toEqual({
      company: { id: '7', name: 'Acme', amount: 240000, interval: 'year', currency: 'KWD', custom: { region: 'EU' } },
      valid: true,
      dropped: [],
    });
  });

  it('drops bad fields, keeping the rest, and is invalid until a good token', () => {
    expect(normalizeCompany({ id: 'c', name: 5, plan: 'gold', amount: -1 })).toEqual({
      company: { id: 'c', plan: 'gold', custom: {} },
      valid: false,
      dropped: [
        { field: 'company.name', reason: 'must be a string' },
        { field: 'company.amount', reason: 'must not be negative' },
      ],
    });
  });

  it('is total over any input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ id: fc.anything(), amount: fc.anything(), currency: fc.anything() })), (raw) => {
        const result = normalizeCompany(raw);
        expect(result.valid).toBe(result.dropped.length === 0);
      }),
    );
  });
});
