import { createHmac } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdentityTokenError, verifyIdentityToken } from '@reqio/server';
import { mintIdentityToken } from '@reqio/server/mint';
import { AUDIENCE, OTHER_SECRET, SECRET, claims, nowSeconds, signRaw } from '../../helpers/tokens.js';

const NOW = new Date('2026-11-22T12:00:00Z');
const options = { secrets: SECRET, audience: AUDIENCE };
const key = new TextEncoder().encode(SECRET);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

async function rejection(token: string, opts: Parameters<typeof verifyIdentityToken>[1] = options) {
  try {
    await verifyIdentityToken(token, opts);
  } catch (error) {
    if (error instanceof IdentityTokenError) return error;
    throw error;
  }
  throw new Error('the token was accepted');
}

describe('interop: tokens minted by us verify with plain jose', () => {
  it('carries sub, aud, iat, exp = iat + 300 and the traits', async () => {
    const token = await mintIdentityToken(
      { sub: 'u1', email: 'a@b.co', traits: { plan: 'pro', amount: 4900, interval: 'month' } },
      { secret: SECRET, audience: AUDIENCE },
    );
    const { payload, protectedHeader } = await jwtVerify(token, key, { audience: AUDIENCE, algorithms: ['HS256'] });
    expect(protectedHeader).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toEqual({
      sub: 'u1',
      email: 'a@b.co',
      aud: AUDIENCE,
      iat: nowSeconds(),
      exp: nowSeconds() + 300,
      traits: { plan: 'pro', amount: 4900, interval: 'month' },
    });
  });
});

describe('interop: tokens made the way each Reqio snippet makes them verify', () => {
  const iat = () => nowSeconds();
  it.each([
    [
      'Node with jose',
      async () =>
        new SignJWT({ email: 'a@b.co', traits: { plan: 'pro', amount: 4900, interval: 'month' } })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('u1')
          .setAudience(AUDIENCE)
          .setIssuedAt()
          .setExpirationTime('300s')
          .sign(key),
      { sub: 'u1', monthlyAmount: 4900 },
    ],
    [
      'Python PyJWT (typ: JWT)',
      async () => signRaw({ alg: 'HS256', typ: 'JWT' }, { sub: '7', email: 'p@y.org', traits: { plan: 'team', amount: 120000, interval: 'year' }, aud: AUDIENCE, iat: iat(), exp: iat() + 300 }),
      { sub: '7', monthlyAmount: 10000 },
    ],
    [
      'golang-jwt (aud array)',
      async () => signRaw({ alg: 'HS256', typ: 'JWT' }, { sub: 'g1', aud: [AUDIENCE], iat: iat(), exp: iat() + 300, traits: { amount: 1999, interval: 'year' } }),
      { sub: 'g1', monthlyAmount: 167 },
    ],
    [
      'PHP firebase/php-jwt (integer sub)',
      async () => signRaw({ typ: 'JWT', alg: 'HS256' }, { sub: 42, aud: AUDIENCE, iat: iat(), exp: iat() + 300, traits: { plan: 'pro', amount: 4900, interval: 'month' } }),
      { sub: '42', monthlyAmount: 4900 },
    ],
    ['no traits', async () => signRaw({ alg: 'HS256' }, claims()), { sub: 'user_1', monthlyAmount: 0 }],
    [
      'plan-only traits (Django example)',
      async () => signRaw({ alg: 'HS256', typ: 'JWT' }, claims({ traits: { plan: 'free' } })),
      { sub: 'user_1', monthlyAmount: 0, traits: { plan: 'free', custom: {} } },
    ],
    [
      'Python with None plan',
      async () => signRaw({ alg: 'HS256', typ: 'JWT' }, claims({ traits: { plan: null, amount: null, interval: null } })),
      { sub: 'user_1', monthlyAmount: 0, warnings: [] },
    ],
    [
      'node:crypto by hand with nbf',
      async () => signRaw({ alg: 'HS256' }, claims({ nbf: nowSeconds() - 5 })),
      { sub: 'user_1' },
    ],
  ])('%s', async (_name, makeToken, expected) => {
    const identity = await verifyIdentityToken(await makeToken(), options);
    expect(identity).toMatchObject({ warnings: [], secretIndex: 0, ...expected });
  });
});

describe('rejections: each asserts the exact code', () => {
  const good = () => signRaw({ alg: 'HS256', typ: 'JWT' }, claims());
  const [h, p] = [() => good().split('.')[0]!, () => good().split('.')[1]!];
  const hmac = (input: string, secret = SECRET) => createHmac('sha256', secret).update(input).digest('base64url');
  const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

  const cases: [string, () => string, string, { claim?: string; header?: string }?][] = [
    ['alg: none', () => `${b64({ alg: 'none' })}.${p()}.`, 'algorithm_not_allowed', { header: 'alg' }],
    ['alg: none with a signature', () => signRaw({ alg: 'none' }, claims()), 'algorithm_not_allowed'],
    ['HS384', () => { const i = `${b64({ alg: 'HS384' })}.${p()}`; return `${i}.${createHmac('sha384', SECRET).update(i).digest('base64url')}`; }, 'algorithm_not_allowed'],
    ['HS512', () => { const i = `${b64({ alg: 'HS512' })}.${p()}`; return `${i}.${createHmac('sha512', SECRET).update(i).digest('base64url')}`; }, 'algorithm_not_allowed'],
    ['an RS256 header (key confusion)', () => signRaw({ alg: 'RS256' }, claims()), 'algorithm_not_allowed'],
    ['lowercase hs256', () => signRaw({ alg: 'hs256' }, claims()), 'algorithm_not_allowed'],
    ['no alg', () => signRaw({ typ: 'JWT' }, claims()), 'algorithm_not_allowed'],
    ['crit', () => signRaw({ alg: 'HS256', crit: ['exp'] }, claims()), 'token_malformed', { header: 'crit' }],
    ['b64: false', () => signRaw({ alg: 'HS256', b64: false, crit: ['b64'] }, claims()), 'token_malformed'],
    ['jku', () => signRaw({ alg: 'HS256', jku: 'https://evil.example/jwks.json' }, claims()), 'token_malformed', { header: 'jku' }],
    ['jwk', () => signRaw({ alg: 'HS256', jwk: { kty: 'oct', k: 'AAAA' } }, claims()), 'token_malformed', { header: 'jwk' }],
    ['x5u', () => signRaw({ alg: 'HS256', x5u: 'https://evil.example/cert' }, claims()), 'token_malformed', { header: 'x5u' }],
    ['x5c', () => signRaw({ alg: 'HS256', x5c: ['MIIB'] }, claims()), 'token_malformed', { header: 'x5c' }],
    ['typ other than JWT', () => signRaw({ alg: 'HS256', typ: 'at+jwt' }, claims()), 'token_malformed', { header: 'typ' }],
    ['a kid with path traversal, signed with an empty key', () => signRaw({ alg: 'HS256', kid: '../../../../dev/null' }, claims(), Buffer.alloc(0)), 'signature_invalid'],
    ['an empty signature', () => `${h()}.${p()}.`, 'signature_invalid'],
    ['a signature of the wrong length', () => `${h()}.${p()}.${hmac(`${h()}.${p()}`).slice(0, 40)}`, 'signature_invalid'],
    ['a truncated 31-byte signature', () => `${h()}.${p()}.${Buffer.from(hmac(`${h()}.${p()}`), 'base64url').subarray(0, 31).toString('base64url')}`, 'signature_invalid'],
    ['non-canonical base64url in the signature', () => { const t = good(); const last = t.at(-1)!; const alt = 'AEIMQUYcgkosw048'.includes(last) ? String.fromCharCode(last.charCodeAt(0) + 1) : last; return t.slice(0, -1) + (alt === last ? 'B' : alt); }, 'token_malformed'],
    ['standard base64 padding', () => `${good()}=`, 'token_malformed'],
    ['a "+" from standard base64', () => { const [a, b, c] = good().split('.'); return `${a}.${b}.${c!.slice(0, -2)}+A`; }, 'token_malformed'],
    ['a payload that is a JSON array', () => signRaw({ alg: 'HS256' }, '[1,2,3]'), 'token_malformed'],
    ['a payload that is a JSON string', () => signRaw({ alg: 'HS256' }, '"hello"'), 'token_malformed'],
    ['a payload that is not JSON', () => signRaw({ alg: 'HS256' }, '{sub:'), 'token_malformed'],
    ['a header that is not JSON', () => signRaw('alg=HS256', claims()), 'token_malformed'],
    ['two segments', () => `${h()}.${p()}`, 'token_malformed'],
    ['four segments', () => `${good()}.${h()}`, 'token_malformed'],
    ['an empty string', () => '', 'token_malformed'],
    ['a 9 KB token', () => signRaw({ alg: 'HS256' }, claims({ pad: 'x'.repeat(9 * 1024) })), 'token_malformed'],
    ['expired', () => signRaw({ alg: 'HS256' }, claims({ iat: nowSeconds() - 400, exp: nowSeconds() - 100 })), 'token_expired', { claim: 'exp' }],
    ['expired just past the leeway', () => signRaw({ alg: 'HS256' }, claims({ iat: nowSeconds() - 300, exp: nowSeconds() - 30 })), 'token_expired'],
    ['exp - iat = 301', () => signRaw({ alg: 'HS256' }, claims({ exp: nowSeconds() + 301 })), 'token_lifetime_too_long', { claim: 'exp' }],
    ['iat in the future', () => signRaw({ alg: 'HS256' }, claims({ iat: nowSeconds() + 60, exp: nowSeconds() + 300 })), 'token_not_yet_valid', { claim: 'iat' }],
    ['nbf in the future', () => signRaw({ alg: 'HS256' }, claims({ nbf: nowSeconds() + 31 })), 'token_not_yet_valid', { claim: 'nbf' }],
    ['a wrong aud', () => signRaw({ alg: 'HS256' }, claims({ aud: 'http://localhost:3000/p/prj_other' })), 'audience_mismatch', { claim: 'aud' }],
    ['an aud array without ours', () => signRaw({ alg: 'HS256' }, claims({ aud: ['https://a.example', 'https://b.example'] })), 'audience_mismatch'],
    ['another project\'s secret', () => signRaw({ alg: 'HS256' }, claims(), OTHER_SECRET), 'signature_invalid'],
    ['no sub', () => signRaw({ alg: 'HS256' }, claims({ sub: undefined })), 'claims_invalid', { claim: 'sub' }],
    ['an empty sub', () => signRaw({ alg: 'HS256' }, claims({ sub: '' })), 'claims_invalid', { claim: 'sub' }],
    ['a float sub', () => signRaw({ alg: 'HS256' }, claims({ sub: 1.5 })), 'claims_invalid', { claim: 'sub' }],
    ['no aud', () => signRaw({ alg: 'HS256' }, claims({ aud: undefined })), 'claims_invalid', { claim: 'aud' }],
    ['no iat', () => signRaw({ alg: 'HS256' }, claims({ iat: undefined })), 'claims_invalid', { claim: 'iat' }],
    ['no exp', () => signRaw({ alg: 'HS256' }, claims({ exp: undefined })), 'claims_invalid', { claim: 'exp' }],
    ['a string exp', () => signRaw({ alg: 'HS256' }, claims({ exp: String(nowSeconds() + 60) })), 'claims_invalid', { claim: 'exp' }],
  ];

  it.each(cases.map(([name, makeToken, code, detail]) => [name, code, makeToken, detail] as const))('%s → %s', async (_name, code, makeToken, detail) => {
    const error = await rejection(makeToken());
    expect(error.code).toBe(code);
    if (detail) expect(error).toMatchObject(detail);
    expect(error.message).not.toContain(SECRET);
  });

  it('covers every identity error code but project_not_found (a service concern)', () => {
    expect(new Set(cases.map(([, , code]) => code))).toEqual(
      new Set(['token_malformed', 'algorithm_not_allowed', 'signature_invalid', 'token_expired', 'token_not_yet_valid', 'token_lifetime_too_long', 'audience_mismatch', 'claims_invalid']),
    );
  });

  it('says a token expired rather than that its name is bad', async () => {
    const error = await rejection(signRaw({ alg: 'HS256' }, claims({ name: 'x'.repeat(300), iat: nowSeconds() - 400, exp: nowSeconds() - 100 })));
    expect(error.code).toBe('token_expired');
  });
});

describe('time rules honour the leeway', () => {
  it('accepts exp 29 s ago and iat 30 s ahead with the default 30 s', async () => {
    await expect(verifyIdentityToken(signRaw({ alg: 'HS256' }, claims({ iat: nowSeconds() - 200, exp: nowSeconds() - 29 })), options)).resolves.toBeDefined();
    await expect(verifyIdentityToken(signRaw({ alg: 'HS256' }, claims({ iat: nowSeconds() + 30, exp: nowSeconds() + 300 })), options)).resolves.toBeDefined();
    await expect(verifyIdentityToken(signRaw({ alg: 'HS256' }, claims({ nbf: nowSeconds() + 30 })), options)).resolves.toBeDefined();
  });

  it('rejects exp 1 s ago with a leeway of 0', async () => {
    const token = signRaw({ alg: 'HS256' }, claims({ iat: nowSeconds() - 60, exp: nowSeconds() - 1 }));
    expect((await rejection(token, { ...options, clockTolerance: 0 })).code).toBe('token_expired');
    expect((await rejection(signRaw({ alg: 'HS256' }, claims({ exp: nowSeconds() })), { ...options, clockTolerance: 0 })).code).toBe('token_expired');
  });

  it('accepts exp - iat = 300 exactly', async () => {
    await expect(verifyIdentityToken(signRaw({ alg: 'HS256' }, claims({ exp: nowSeconds() + 300 })), options)).resolves.toMatchObject({ sub: 'user_1' });
  });

  it('rejects a token once the clock has moved past exp + leeway', async () => {
    const token = await mintIdentityToken({ sub: 'u' }, { secret: SECRET, audience: AUDIENCE, expiresIn: 60 });
    await expect(verifyIdentityToken(token, options)).resolves.toBeDefined();
    vi.setSystemTime(NOW.getTime() + 90_000);
    expect((await rejection(token)).code).toBe('token_expired');
  });
});

describe('key rings and audiences', () => {
  it('accepts a token signed with the previous secret and says which one matched', async () => {
    const token = signRaw({ alg: 'HS256' }, claims(), OTHER_SECRET);
    await expect(verifyIdentityToken(token, { secrets: [SECRET, OTHER_SECRET], audience: AUDIENCE })).resolves.toMatchObject({ secretIndex: 1 });
  });

  it('accepts any of several audiences (migrating from Reqio)', async () => {
    const token = signRaw({ alg: 'HS256' }, claims({ aud: 'https://reqio.app/p/prj_test' }));
    await expect(verifyIdentityToken(token, { secrets: SECRET, audience: [AUDIENCE, 'https://reqio.app/p/prj_test'] })).resolves.toBeDefined();
  });
});

describe('bad traits identify the user with a warning', () => {
  it('drops an annual amount sent in dollars and weighs the user 0', async () => {
    const identity = await verifyIdentityToken(signRaw({ alg: 'HS256' }, claims({ traits: { plan: 'pro', amount: 99.99, interval: 'year' } })), options);
    expect(identity).toMatchObject({ sub: 'user_1', monthlyAmount: 0, traits: { plan: 'pro', interval: 'year', custom: {} } });
    expect(identity.warnings).toEqual([expect.objectContaining({ code: 'traits_invalid', fields: ['traits.amount'] })]);
  });

  it.each([['nobody'], [''], ['a b@c.d']])('drops the email %j with email_invalid and still identifies the user', async (email) => {
    const identity = await verifyIdentityToken(signRaw({ alg: 'HS256' }, claims({ email, traits: { amount: 4900 } })), options);
    expect(identity).toMatchObject({ sub: 'user_1', email: undefined, monthlyAmount: 4900 });
    expect(identity.warnings).toEqual([expect.objectContaining({ code: 'email_invalid', fields: ['email'] })]);
  });

  it('keeps an email with a dotless domain (root@localhost)', async () => {
    const identity = await verifyIdentityToken(signRaw({ alg: 'HS256' }, claims({ email: 'root@localhost' })), options);
    expect(identity).toMatchObject({ email: 'root@localhost', warnings: [] });
  });

  it('reads "interval": "" and null as a monthly amount (Go without omitempty)', async () => {
    for (const interval of ['', null]) {
      const identity = await verifyIdentityToken(signRaw({ alg: 'HS256' }, claims({ traits: { amount: 4900, interval, currency: '' } })), options);
      expect(identity).toMatchObject({ monthlyAmount: 4900, traits: { amount: 4900, interval: 'month' }, warnings: [] });
    }
  });
});

describe('big integers and companies', () => {
  // A hand-built payload: JSON.stringify cannot write an integer beyond 2^53 exactly.
  const bigPayload = (sub: string, companyId: string) =>
    `{"sub":${sub},"aud":"${AUDIENCE}","iat":${nowSeconds()},"exp":${nowSeconds() + 300},"company":{"id":${companyId},"amount":${sub},"name":"Acme"}}`;

  it.each([
    ['PHP_INT_MAX', '9223372036854775807'],
    ['a snowflake id', '1541815603606036480'],
    ['2^53 + 1', '9007199254740993'],
    ['a negative int64', '-9223372036854775808'],
    ['a 40-digit integer', '1234567890123456789012345678901234567890'],
  ])('keeps every digit of an integer sub and company.id (%s)', async (_name, digits) => {
    const identity = await verifyIdentityToken(signRaw({ alg: 'HS256' }, bigPayload(digits, digits)), options);
    expect(identity.sub).toBe(digits);
    expect(identity.company).toMatchObject({ id: digits, name: 'Acme' });
    // Elsewhere a big integer is read as JSON.parse reads it: an amount that large is dropped.
    expect(identity.warnings).toEqual([expect.objectContaining({ code: 'traits_invalid', fields: ['company.amount'] })]);
  });

  it('normalises the company: id from an integer, currency upper-cased, custom keys kept', async () => {
    const identity = await verifyIdentityToken(
      signRaw({ alg: 'HS256' }, claims({ company: { id: 42, name: 'Acme', plan: ' business ', amount: 120000, interval: 'year', currency: 'eur', seats: 40 } })),
      options,
    );
    expect(identity.company).toEqual({ id: '42', name: 'Acme', plan: 'business', amount: 120000, interval: 'year', currency: 'EUR', custom: { seats: 40 } });
    expect(identity.companyValid).toBe(true);
    expect(identity.warnings).toEqual([]);
  });

  it.each([
    ['not an object', 'acme', ['company'], false],
    ['without an id', { name: 'Acme', amount: 100 }, ['company.id'], false],
    ['with an empty id', { id: '' }, ['company.id'], false],
    ['with a bad amount and currency', { id: 'c1', amount: 49.5, currency: 'dollars' }, ['company.amount', 'company.currency'], true],
  ])('drops a company %s with traits_invalid', async (_name, company, fields, kept) => {
    const identity = await verifyIdentityToken(signRaw({ alg: 'HS256' }, claims({ company, traits: { amount: 100 } })), options);
    expect(identity.warnings).toEqual([expect.objectContaining({ code: 'traits_invalid', fields })]);
    expect(identity.companyValid).toBe(false);
    expect(identity.company !== undefined).toBe(kept);
    expect(identity.monthlyAmount).toBe(100);
  });
});

describe('caller misuse is a TypeError naming the option', () => {
  it.each([
    [{ secrets: [], audience: AUDIENCE }, 'options.secrets'],
    [{ secrets: SECRET, audience: '' }, 'options.audience'],
    [{ secrets: SECRET, audience: AUDIENCE, clockTolerance: 121 }, 'options.clockTolerance'],
  ])('%o', async (opts, field) => {
    await expect(verifyIdentityToken('x.y.z', opts)).rejects.toThrow(new RegExp(field.replace('.', '\\.')));
    await expect(verifyIdentityToken('x.y.z', opts)).rejects.toBeInstanceOf(TypeError);
  });
});
