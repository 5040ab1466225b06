import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mintIdentityToken } from '@reqio/server/mint';
import { AUDIENCE, SECRET } from '../../helpers/tokens.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-22T12:00:00Z'));
});
afterEach(() => vi.useRealTimers());

const opts = { secret: SECRET, audience: AUDIENCE };

describe('mintIdentityToken', () => {
  it('signs HS256 with exp = iat + 300 by default and the trimmed plan', async () => {
    const token = await mintIdentityToken({ sub: 'u1', traits: { plan: ' pro ', amount: 4900 } }, opts);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const iat = Date.parse('2026-11-22T12:00:00Z') / 1000;
    expect(decodeJwt(token)).toEqual({ sub: 'u1', aud: AUDIENCE, iat, exp: iat + 300, traits: { plan: 'pro', amount: 4900 } });
  });

  it('honours a shorter expiresIn and leaves out absent fields', async () => {
    const payload = decodeJwt(await mintIdentityToken({ sub: 'u1', email: null, name: undefined }, { ...opts, expiresIn: 60 }));
    expect(payload.exp! - payload.iat!).toBe(60);
    expect(Object.keys(payload).sort()).toEqual(['aud', 'exp', 'iat', 'sub']);
  });

  it.each([
    [{ sub: 'u', traits: { amount: 99.99, interval: 'year' } }, 'claims.traits.amount must be an integer number of cents'],
    [{ sub: 'u', traits: { amount: -5 } }, 'claims.traits.amount must not be negative'],
    [{ sub: 'u', traits: { amount: '4900' } }, 'claims.traits.amount must be a number of cents'],
    [{ sub: 'u', traits: { interval: 'weekly' } }, 'claims.traits.interval must be "month" or "year"'],
    [{ sub: 'u', traits: { company: { name: 'x' } } }, 'claims.traits.company must be a string, a number or a boolean'],
    [{ sub: '' }, 'claims.sub must not be empty'],
    [{ sub: 'u', email: 'nope' }, 'claims.email must be an email address'],
    [{ sub: 'u', aud: 'x' }, 'claims has a field that is not allowed: aud'],
    [{ email: 'a@b.co' }, 'claims.sub'],
  ])('refuses %o with a TypeError naming the field', async (claims, message) => {
    const attempt = mintIdentityToken(claims as never, opts);
    await expect(attempt).rejects.toBeInstanceOf(TypeError);
    await expect(mintIdentityToken(claims as never, opts)).rejects.toThrow(message);
  });

  it.each([
    [{ secret: 'short-secret', audience: AUDIENCE }, 'options.secret must be at least 32 bytes'],
    [{ secret: '', audience: AUDIENCE }, 'options.secret is required'],
    [{ secret: SECRET, audience: '' }, 'options.audience is required'],
    [{ secret: SECRET }, 'options.audience is required'],
    [{ secret: SECRET, audience: AUDIENCE, expiresIn: 301 }, 'options.expiresIn'],
    [{ secret: SECRET, audience: AUDIENCE, expiresIn: 0 }, 'options.expiresIn'],
    [{ secret: SECRET, audience: AUDIENCE, expiresIn: 1.5 }, 'options.expiresIn'],
  ])('refuses options %o', async (options, message) => {
    await expect(mintIdentityToken({ sub: 'u' }, options as never)).rejects.toThrow(`mintIdentityToken: ${message}`);
  });

  it('never puts the secret in an error message', async () => {
    const secret = 'x'.repeat(20);
    await expect(mintIdentityToken({ sub: 'u' }, { secret, audience: AUDIENCE })).rejects.not.toThrow(secret);
  });

  it('counts secret length in UTF-8 bytes', async () => {
    // 11 three-byte characters = 33 bytes but 11 characters.
    await expect(mintIdentityToken({ sub: 'u' }, { secret: '€'.repeat(11), audience: AUDIENCE })).resolves.toMatch(/^ey/);
  });
});
