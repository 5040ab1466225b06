import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../widget/src/api-error.js';
import { createTransport } from '../../widget/src/create-transport.js';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('createTransport', () => {
  it('calls <api>/v1/projects/<id><path> with JSON, the bearer session, and no cookies', async () => {
    const fetch = vi.fn(async () => json(201, { request: { id: 'r1' } }));
    const send = createTransport('https://api.example', 'prj 1', fetch);
    await expect(send('POST', '/requests', { title: 'Dark mode' }, 'sess')).resolves.toEqual({ request: { id: 'r1' } });
    expect(fetch).toHaveBeenCalledWith('https://api.example/v1/projects/prj%201/requests', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sess' },
      body: '{"title":"Dark mode"}',
      credentials: 'omit',
    });
  });

  it('sends no body and no content-type on a GET', async () => {
    const fetch = vi.fn(async () => json(200, { requests: [] }));
    await createTransport('https://api.example', 'p', fetch)('GET', '/requests?sort=new', undefined, 's');
    expect(fetch).toHaveBeenCalledWith('https://api.example/v1/projects/p/requests?sort=new', {
      method: 'GET',
      headers: { authorization: 'Bearer s' },
      body: undefined,
      credentials: 'omit',
    });
  });

  it('throws ApiError with the answer code, message and fields', async () => {
    const fetch = vi.fn(async () => json(400, { error: { code: 'validation_failed', message: 'title is too short', fields: { title: 'must be at least 3 characters' } } }));
    const error = await createTransport('https://api.example', 'p', fetch)('POST', '/requests', { title: 'x' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', message: 'title is too short', fields: { title: 'must be at least 3 characters' } });
  });

  it('keeps the expected audience of an audience_mismatch answer', async () => {
    const expectedAudience = 'http://localhost:4100/p/p';
    const fetch = vi.fn(async () => json(401, { error: { code: 'audience_mismatch', message: 'wrong aud', claim: 'aud', expectedAudience } }));
    const error = (await createTransport('https://api.example', 'p', fetch)('POST', '/identify', { token: 't' }).catch((caught: unknown) => caught)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'audience_mismatch', expectedAudience });
  });

  it('reads Retry-After from the header, or from the body when CORS hides the header', async () => {
    const header = vi.fn(async () => json(429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'retry-after': '7' }));
    await expect(createTransport('https://api.example', 'p', header)('PUT', '/requests/r/vote')).rejects.toMatchObject({ code: 'rate_limited', retryAfter: 7 });
    const body = vi.fn(async () => json(429, { error: { code: 'rate_limited', message: 'slow down', retryAfter: 12 } }));
    await expect(createTransport('https://api.example', 'p', body)('PUT', '/requests/r/vote')).rejects.toMatchObject({ code: 'rate_limited', retryAfter: 12 });
  });

  it('turns a network failure into network_error and a non-JSON answer into http_<status>', async () => {
    const offline = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(createTransport('https://api.example', 'p', offline)('GET', '/requests')).rejects.toMatchObject({ status: 0, code: 'network_error' });
    const proxy = vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(createTransport('https://api.example', 'p', proxy)('GET', '/requests')).rejects.toMatchObject({ status: 502, code: 'http_502' });
  });
});
