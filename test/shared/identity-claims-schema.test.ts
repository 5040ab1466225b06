import { describe, expect, it } from 'vitest';
import { identityClaimsSchema, mintClaimsSchema } from '@reqio/shared';

const base = { aud: 'a', iat: 1, exp: 2 };

describe('identityClaimsSchema', () => {
  it('turns an integer sub into its decimal string', () => {
    expect(identityClaimsSchema.parse({ ...base, sub: 12345 }).sub).toBe('12345');
  });

  it.each([
    ['an empty sub', { sub: '' }],
    ['a 256-character sub', { sub: 'x'.repeat(256) }],
    ['a float sub', { sub: 1.5 }],
    ['a boolean sub', { sub: true }],
    ['an empty aud array', { sub: 'u', aud: [] }],
    ['a long name', { sub: 'u', name: 'x'.repeat(201) }],
    ['a string exp', { sub: 'u', exp: '2' }],
  ])('rejects %s', (_name, overrides) => {
    expect(identityClaimsSchema.safeParse({ ...base, ...overrides }).success).toBe(false);
  });

  it('accepts an aud array and keeps unknown claims; email and company stay raw for the verifier to drop with a warning', () => {
    const parsed = identityClaimsSchema.parse({ ...base, sub: 'u', aud: ['x', 'a'], iss: 'me', email: 'not-an-address', company: 5 });
    expect(parsed).toMatchObject({ aud: ['x', 'a'], iss: 'me', email: 'not-an-address', company: 5 });
  });
});

describe('mintClaimsSchema', () => {
  it('refuses claims the mint helper sets itself', () => {
    const result = mintClaimsSchema.safeParse({ sub: 'u', exp: 5 });
    expect(result.success).toBe(false);
  });

  it('checks traits strictly', () => {
    const result = mintClaimsSchema.safeParse({ sub: 'u', traits: { amount: 99.99, interval: 'year' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['traits', 'amount']);
  });

  it('accepts a company, an integer id becoming its string, and upper-cases currencies', () => {
    const result = mintClaimsSchema.parse({
      sub: 'u',
      traits: { amount: 100, currency: 'eur', interval: '' },
      company: { id: 42, name: 'Acme', plan: 'business', amount: 99000, interval: 'year', currency: 'jpy', seats: 12 },
    });
    expect(result.traits).toEqual({ amount: 100, currency: 'EUR' });
    expect(result.company).toEqual({ id: '42', name: 'Acme', plan: 'business', amount: 99000, interval: 'year', currency: 'JPY', seats: 12 });
  });

  it.each([
    ['a company without an id', { name: 'Acme' }, ['company', 'id']],
    ['a company with a float amount', { id: 'c', amount: 9.5 }, ['company', 'amount']],
    ['a made-up currency', { id: 'c', currency: 'ABC' }, ['company', 'currency']],
  ])('refuses %s', (_name, company, path) => {
    const result = mintClaimsSchema.safeParse({ sub: 'u', company });
    expect(result.error?.issues[0]?.path).toEqual(path);
  });

  it('accepts an email with a dotless domain, as CONTRACT §1 says', () => {
    expect(mintClaimsSchema.parse({ sub: 'u', email: 'root@localhost' }).email).toBe('root@localhost');
  });
});
