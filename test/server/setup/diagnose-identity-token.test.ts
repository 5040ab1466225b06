import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdentityTokenError, mintIdentityToken, verifyIdentityToken } from '@reqio/server';
import { diagnoseIdentityToken, type TokenDiagnosis } from '../../../server/src/setup/diagnose-identity-token.js';
import { AUDIENCE, OTHER_SECRET, SECRET, claims, nowSeconds, signRaw } from '../../helpers/tokens.js';

const NOW = new Date('2025-03-01T12:00:00Z');
const options = { secrets: [SECRET], audience: [AUDIENCE], clockTolerance: 30 };
const statusOf = (diagnosis: TokenDiagnosis) => Object.fromEntries(diagnosis.checks.map((check) => [check.id, check.status]));
const check = (diagnosis: TokenDiagnosis, id: string) => diagnosis.checks.find((candidate) => candidate.id === id)!;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe('diagnoseIdentityToken', () => {
  it('passes every check of a good token and says whom it identifies', async () => {
    const token = await mintIdentityToken(
      { sub: '42', email: 'ada@example.com', traits: { plan: 'pro', amount: 120000, interval: 'year' } },
      { secret: SECRET, audience: AUDIENCE },
    );
    const diagnosis = await diagnoseIdentityToken(token, options);
    expect(diagnosis).toMatchObject({ valid: true, code: null, identity: { sub: '42', email: 'ada@example.com', plan: 'pro', monthlyAmount: 10000, signedWith: 'current' } });
    expect(new Set(Object.values(statusOf(diagnosis)))).toEqual(new Set(['pass']));
    expect(diagnosis.header).toEqual({ alg: 'HS256', typ: 'JWT' });
  });

  it('names token_expired with a fix, and still passes the other checks', async () => {
    const token = signRaw({ alg: 'HS256' }, claims({ iat: nowSeconds() - 600, exp: nowSeconds() - 300 }));
    const diagnosis = await diagnoseIdentityToken(token, options);
    expect(diagnosis).toMatchObject({ valid: false, code: 'token_expired' });
    expect(statusOf(diagnosis)).toEqual({
      format: 'pass', header: 'pass', signature: 'pass', audience: 'pass', lifetime: 'pass', expiry: 'fail', not_before: 'pass', claims: 'pass', traits: 'pass',
    });
    expect(check(diagnosis, 'expiry')).toMatchObject({ code: 'token_expired', message: 'The token expired at 2025-03-01T11:55:00.000Z.', fix: expect.stringContaining('Mint a fresh token') });
  });

  it('names audience_mismatch with the audience to send', async () => {
    const diagnosis = await diagnoseIdentityToken(signRaw({ alg: 'HS256' }, claims({ aud: 'https://reqio.app/p/other' })), options);
    expect(diagnosis.code).toBe('audience_mismatch');
    expect(check(diagnosis, 'audience')).toMatchObject({ status: 'fail', code: 'audience_mismatch', fix: `Set "aud" to the one string "${AUDIENCE}", or add the audience you send to the project's extra audiences.` });
  });

  it('reports every failing check at once, with the verdict identify would give', async () => {
    const token = signRaw({ alg: 'HS256' }, claims({ aud: 'https://elsewhere.example/p/x', iat: nowSeconds() - 900, exp: nowSeconds() - 600 }), OTHER_SECRET);
    const diagnosis = await diagnoseIdentityToken(token, options);
    expect(diagnosis.code).toBe('signature_invalid');
    expect(statusOf(diagnosis)).toMatchObject({ signature: 'fail', audience: 'fail', expiry: 'fail', lifetime: 'pass', claims: 'pass' });
  });

  it('spots a secret that was base64-decoded or read with its newline', async () => {
    const decoded = signRaw({ alg: 'HS256' }, claims(), Buffer.from(SECRET.slice(6), 'base64url'));
    expect(check(await diagnoseIdentityToken(decoded, options), 'signature').fix).toBe(
      'It was signed with the secret base64-decoded: use the secret string itself, as UTF-8 bytes.',
    );
    const newline = signRaw({ alg: 'HS256' }, claims(), `${SECRET}\n`);
    expect(check(await diagnoseIdentityToken(newline, options), 'signature').fix).toContain('trim the value');
  });

  it('refuses a token with whitespace around it as identify does (one parse path), saying to trim it', async () => {
    const token = signRaw({ alg: 'HS256' }, claims());
    for (const padded of [` ${token}`, `${token}\n`]) {
      const diagnosis = await diagnoseIdentityToken(padded, options);
      expect(diagnosis).toMatchObject({ valid: false, code: 'token_malformed' });
      expect(check(diagnosis, 'format')).toMatchObject({ status: 'fail', message: expect.stringContaining('whitespace') });
      await expect(verifyIdentityToken(padded, { secrets: SECRET, audience: AUDIENCE })).rejects.toMatchObject({ code: 'token_malformed' });
    }
  });

  it.each([1e308, 1e15, -9e15])('answers claims_invalid for times of %d, whatever the signature', async (value) => {
    for (const secret of [SECRET, OTHER_SECRET]) {
      for (const times of [{ iat: value, exp: value + 60 }, { exp: value, iat: value - 60 }, { nbf: value }]) {
        const diagnosis = await diagnoseIdentityToken(signRaw({ alg: 'HS256' }, claims(times), secret), options);
        expect(diagnosis.valid).toBe(false);
        if (secret === SECRET) expect(diagnosis.code).toBe('claims_invalid');
        expect(diagnosis.checks.some((entry) => entry.code === 'claims_invalid')).toBe(true);
      }
    }
  });

  it('names token_lifetime_too_long, and milliseconds for what they are', async () => {
    const hour = await diagnoseIdentityToken(signRaw({ alg: 'HS256' }, claims({ exp: nowSeconds() + 3600 })), options);
    expect(check(hour, 'lifetime')).toMatchObject({ status: 'fail', code: 'token_lifetime_too_long', fix: 'Set exp = iat + 300 (or less): identity tokens live at most five minutes.' });
    const ms = await diagnoseIdentityToken(signRaw({ alg: 'HS256' }, claims({ iat: Date.now(), exp: Date.now() + 300 })), options);
    expect(ms.code).toBe('token_not_yet_valid');
    expect(check(ms, 'not_before')).toMatchObject({ status: 'fail', code: 'token_not_yet_valid', fix: expect.stringContaining('not milliseconds') });
  });

  it('reads a refused header, still checking the claims', async () => {
    const diagnosis = await diagnoseIdentityToken(signRaw({ alg: 'HS512' }, claims({ sub: '' })), options);
    expect(diagnosis.code).toBe('algorithm_not_allowed');
    expect(statusOf(diagnosis)).toMatchObject({ format: 'pass', header: 'fail', signature: 'skip', audience: 'pass', claims: 'fail' });
    expect(check(diagnosis, 'claims')).toMatchObject({ code: 'claims_invalid', fix: 'Send "sub" as a string of 1–255 characters, e.g. String(user.id) or str(user.id).' });
    expect(diagnosis.payload).toMatchObject({ aud: AUDIENCE });
    const jku = await diagnoseIdentityToken(signRaw({ alg: 'HS256', jku: 'https://evil.example' }, claims()), options);
    expect(check(jku, 'header')).toMatchObject({ code: 'token_malformed', fix: expect.stringContaining('Remove the "jku" header parameter') });
  });

  it('stops at a token it cannot read', async () => {
    const diagnosis = await diagnoseIdentityToken('Bearer not-a-token', options);
    expect(diagnosis).toMatchObject({ valid: false, code: 'token_malformed', header: null, payload: null });
    expect(statusOf(diagnosis)).toMatchObject({ format: 'fail', header: 'skip', signature: 'skip', expiry: 'skip' });
    expect(check(diagnosis, 'format').fix).toContain('without quotes, spaces or a "Bearer " prefix');
  });

  it('accepts an integer sub, and warns about bad traits without refusing', async () => {
    const diagnosis = await diagnoseIdentityToken(signRaw({ alg: 'HS256' }, claims({ sub: 7, traits: { plan: 'pro', amount: 99.99, interval: 'year' } })), options);
    expect(diagnosis).toMatchObject({ valid: true, identity: { sub: '7', monthlyAmount: 0 } });
    expect(check(diagnosis, 'traits')).toMatchObject({ status: 'warn', code: 'traits_invalid', fix: expect.stringContaining('9999, not 99.99') });
  });

  it('says when the previous secret signed it', async () => {
    const token = signRaw({ alg: 'HS256' }, claims(), OTHER_SECRET);
    const diagnosis = await diagnoseIdentityToken(token, { ...options, secrets: [SECRET, OTHER_SECRET] });
    expect(diagnosis.identity?.signedWith).toBe('previous');
    expect(check(diagnosis, 'signature').message).toContain('previous secret');
  });

  it("agrees with verifyIdentityToken's verdict", async () => {
    const now = nowSeconds();
    const payloads = [
      claims(),
      claims({ exp: now - 100, iat: now - 200 }),
      claims({ iat: now + 100, exp: now + 200 }),
      claims({ nbf: now + 100 }),
      claims({ aud: ['x', AUDIENCE] }),
      claims({ aud: 'x' }),
      claims({ email: 'not an address' }),
      claims({ exp: 'soon' }),
      { aud: AUDIENCE, iat: now, exp: now + 10 },
    ];
    for (const payload of payloads) {
      const token = signRaw({ alg: 'HS256', typ: 'JWT' }, payload);
      const expected = await verifyIdentityToken(token, options).then(
        () => null,
        (error: IdentityTokenError) => error.code,
      );
      const diagnosis = await diagnoseIdentityToken(token, options);
      expect(diagnosis.code, JSON.stringify(payload)).toBe(expected);
      if (expected !== null) expect(diagnosis.checks.some((item) => item.status === 'fail' && item.code === expected), JSON.stringify(payload)).toBe(true);
    }
  });

  it('never returns the token itself', async () => {
    const token = signRaw({ alg: 'HS256' }, claims());
    const signature = token.split('.')[2]!;
    expect(JSON.stringify(await diagnoseIdentityToken(token, options))).not.toContain(signature);
  });
});
