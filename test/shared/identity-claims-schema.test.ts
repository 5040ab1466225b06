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
    ['a bad email', { sub: 'u', email: 'not-an-address' }],
    ['a long name', { sub: 'u', name: 'x'.repeat(201) }],
    ['a string exp', { sub: 'u', exp: '2' }],
  ])('rejects %s', (_name, overrides) => {
    expect(identityClaimsSchema.safeParse({ ...base, ...overrides }).success).toBe(false);
  });

  it('accepts an aud array, keeps unknown claims and treats a null email as absent', () => {
    const parsed = identityClaimsSchema.parse({ ...base, sub: 'u', aud: ['x', 'a'], iss: 'me', email: null });
    expect(parsed).toMatchObject({ aud: ['x', 'a'], iss: 'me' });
    expect(parsed.email).toBeUndefined();
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
});
