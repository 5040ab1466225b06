import { API_ERROR_CODES } from '@reqio/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';
import { storeKinds } from '../../helpers/test-database.js';
import { claims, nowSeconds, signRaw } from '../../helpers/tokens.js';
import { identifyAs, identifyWithToken } from '../../helpers/widget-client.js';

// The security review's 500s without credentials (issue 13, findings 2, 5 and 6): each
// answer here must be a 4xx with a code from the closed union, never a 5xx.
describe.each(storeKinds)('hostile input on %s', (store) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ store });
  });
  afterAll(() => app.close());

  const identify = (token: string) =>
    fetch(`${app.url}/v1/projects/${app.project.id}/identify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  const sign = (overrides: Record<string, unknown>) => signRaw({ alg: 'HS256' }, claims({ aud: app.project.audience, ...overrides }), app.project.secret);
  const errorOf = async (response: Response) => {
    const body = await response.json();
    expect(API_ERROR_CODES).toContain(body.error.code);
    return { status: response.status, code: body.error.code as string, body };
  };

  it.each(['gzip', 'deflate', 'br'])('answers 400 malformed_json to a JSON body sent as content-encoding %s that is not compressed', async (encoding) => {
    const response = await fetch(`${app.url}/v1/projects/${app.project.id}/identify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': encoding },
      body: JSON.stringify({ token: 'x.y.z' }),
    });
    expect(await errorOf(response)).toMatchObject({ status: 400, code: 'malformed_json' });
  });

  it('answers 415 to an unknown content-encoding', async () => {
    const response = await fetch(`${app.url}/v1/admin/projects/${app.project.id}/requests/abc`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'content-encoding': 'zstd-ish', authorization: `Bearer ${app.project.apiKey}` },
      body: '{}',
    });
    expect(await errorOf(response)).toMatchObject({ status: 415, code: 'validation_failed' });
  });

  it.each([
    ['a NUL in the title', { title: 'Dark\u0000mode' }],
    ['a NUL in the body', { title: 'Dark mode', body: 'please\u0000' }],
    ['a control character in the title', { title: 'Dark\u0007mode' }],
    ['a lone surrogate in the title', { title: 'Dark mode \ud800' }],
  ])('answers 400 validation_failed to %s', async (_name, input) => {
    const client = await identifyAs(app, { sub: 'nul-writer' });
    const response = await client.call('POST', '/requests', input);
    expect(await errorOf(response)).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('keeps newlines and tabs in a request body', async () => {
    const client = await identifyAs(app, { sub: 'newline-writer' });
    const response = await client.call('POST', '/requests', { title: 'Multi-line', body: 'first\n\tsecond\r\nthird' });
    expect(response.status).toBe(201);
    expect((await response.json()).request.body).toBe('first\n\tsecond\r\nthird');
  });

  it.each([
    ['sub', { sub: 'alice\u0000' }],
    ['sub', { sub: 'x\ud800' }],
    ['name', { name: 'Ada\u0000' }],
  ])('refuses a token whose %s holds a NUL or a lone surrogate with 401 claims_invalid', async (claim, overrides) => {
    expect(await errorOf(await identify(sign(overrides)))).toMatchObject({ status: 401, code: 'claims_invalid', body: { error: { claim } } });
  });

  it('keeps subs that differ only in a lone surrogate apart by refusing both', async () => {
    const first = await errorOf(await identify(sign({ sub: 'x\ud800' })));
    const second = await errorOf(await identify(sign({ sub: 'x\ud801' })));
    expect([first.code, second.code]).toEqual(['claims_invalid', 'claims_invalid']);
  });

  it('drops traits with a NUL (plan, a custom trait, a custom key) with traits_invalid and still identifies the user', async () => {
    for (const traits of [{ plan: 'pro\u0000', amount: 100 }, { amount: 100, team: 'a\u0000b' }, { amount: 100, 'te\u0000am': 'ab' }, { amount: 100, ['k\ud800']: 'v' }]) {
      const client = await identifyWithToken(app, sign({ sub: 'trait-user', traits }));
      expect(client.identify.warnings.map((warning: { code: string }) => warning.code)).toEqual(['traits_invalid']);
      expect(client.identify.user).toMatchObject({ id: 'trait-user', monthlyAmount: 0 });
    }
  });

  it('refuses an email with a NUL (it is not an address) without a 5xx', async () => {
    const response = await identify(sign({ sub: 'mail-user', email: 'a\u0000@example.com' }));
    expect(response.status).toBeLessThan(500);
  });

  it.each([
    ['iat', 1e308],
    ['iat', 1e15],
    ['iat', -9e15],
    ['exp', 1e308],
    ['exp', 1e15],
    ['exp', -9e15],
    ['nbf', 1e308],
    ['nbf', 1e15],
    ['nbf', -9e15],
  ])('answers a 401 code (never a 5xx) to %s = %d', async (claim, value) => {
    const now = nowSeconds();
    const overrides = claim === 'iat' ? { iat: value, exp: value + 60 } : claim === 'exp' ? { exp: value, iat: value - 60 } : { nbf: value, iat: now, exp: now + 60 };
    const { status, code } = await errorOf(await identify(sign(overrides)));
    expect(status).toBe(401);
    expect(code).toBe('claims_invalid');
  });
});
