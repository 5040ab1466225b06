import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';
import { anonymous, identifyAs } from '../../helpers/widget-client.js';

const ORIGIN = 'https://app.customer.example';

describe('errors, CORS, health and metrics', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ allowedOrigins: [ORIGIN] });
  });
  afterAll(() => app.close());

  const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

  it('answers unknown routes with 404 JSON', async () => {
    const response = await fetch(`${app.url}/v1/nothing-here`);
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toEqual({ code: 'not_found', message: 'There is no GET /v1/nothing-here.' });
  });

  it('answers malformed JSON with 400 malformed_json and an oversized body with 413', async () => {
    const url = `${app.url}/v1/projects/${app.project.id}/identify`;
    const malformed = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"token":' });
    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).code).toBe('malformed_json');
    const huge = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'x'.repeat(20_000) }) });
    expect(huge.status).toBe(413);
    expect((await errorOf(huge)).code).toBe('payload_too_large');
  });

  it('answers a missing or invalid session with 401 unauthorized', async () => {
    const url = `${app.url}/v1/projects/${app.project.id}/requests`;
    expect((await errorOf(await fetch(url))).code).toBe('unauthorized');
    expect((await errorOf(await fetch(url, { headers: { authorization: 'Bearer nonsense' } }))).code).toBe('unauthorized');
  });

  it('answers an expired session with 401 session_expired', async () => {
    const short = await startTestApp({ sessionTtlSeconds: 1 });
    try {
      const user = await identifyAs(short, { sub: 'brief' });
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const { status, body } = await user.json('GET', '/requests');
      expect(status).toBe(401);
      expect(body.error.code).toBe('session_expired');
    } finally {
      await short.close();
    }
  });

  it('answers a preflight from an allowed origin, cacheable for 10 minutes', async () => {
    const response = await fetch(`${app.url}/v1/projects/${app.project.id}/requests`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('gives no CORS grant to, and refuses, an origin the project does not allow', async () => {
    const preflight = await fetch(`${app.url}/v1/projects/${app.project.id}/requests`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const guest = await anonymous(app, 'cors_guest_0001');
    const response = await guest.call('POST', '/requests', { title: 'From evil' }, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect((await errorOf(response)).code).toBe('forbidden');
    const allowed = await guest.call('GET', '/requests', undefined, { origin: ORIGIN });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(allowed.headers.get('access-control-expose-headers')).toBe('Retry-After');
  });

  it('allows the service\'s own origin (the demo pages) without listing it', async () => {
    const guest = await anonymous(app, 'own_origin_0001');
    expect((await guest.call('GET', '/requests', undefined, { origin: app.url })).status).toBe(200);
  });

  it('reports health and the store', async () => {
    expect(await (await fetch(`${app.url}/healthz`)).json()).toEqual({ ok: true, store: 'pglite' });
  });

  it('exposes Prometheus metrics by route pattern, not by raw URL', async () => {
    await identifyAs(app, { sub: 'metered' });
    const text = await (await fetch(`${app.url}/metrics`)).text();
    expect(text).toContain('reqio_http_request_duration_seconds_bucket');
    expect(text).toContain('route="/v1/projects/:projectId/identify"');
    expect(text).toMatch(/reqio_identify_total\{result="ok"\} \d+/);
    expect(text).not.toContain(app.project.id);
  });

  it('serves the widget bundle with caching and nosniff', async () => {
    const response = await fetch(`${app.url}/widget.js`);
    expect([200, 503]).toContain(response.status);
    expect(response.headers.get('content-type')).toContain('javascript');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('rate limits in memory', () => {
  const withLimits = async (env: Record<string, string>, run: (app: TestApp) => Promise<void>) => {
    const app = await startTestApp({ env: { REQIO_RATE_LIMIT_WINDOW: '60', ...env } });
    try {
      await run(app);
    } finally {
      await app.close();
    }
  };

  it('answers 429 rate_limited with Retry-After on identify, per IP', () =>
    withLimits({ REQIO_RATE_LIMIT_IDENTIFY_PER_IP: '3' }, async (app) => {
      const token = await app.mint({ sub: 'hammer' });
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 5; i += 1) {
        last = await fetch(`${app.url}/v1/projects/${app.project.id}/identify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await last!.json()) as { error: { code: string; retryAfter: number } }).error).toMatchObject({ code: 'rate_limited', retryAfter: expect.any(Number) });
    }));

  it('limits writes per IP but not reads', () =>
    withLimits({ REQIO_RATE_LIMIT_WRITES_PER_IP: '2' }, async (app) => {
      const writer = await anonymous(app, 'writer_limit_0001');
      const results = [];
      for (let i = 0; i < 3; i += 1) results.push((await writer.json('POST', '/requests', { title: `Idea number ${i}` })).status);
      expect(results).toEqual([201, 201, 429]);
      expect((await writer.json('GET', '/requests')).status).toBe(200);
    }));

  it('limits writes per project across IPs', () =>
    withLimits({ REQIO_RATE_LIMIT_WRITES_PER_PROJECT: '2' }, async (app) => {
      const writer = await anonymous(app, 'writer_limit_0002');
      const other = await app.createProject();
      const elsewhere = await anonymous(app, 'writer_limit_0003', other);
      expect((await writer.json('POST', '/requests', { title: 'One idea' })).status).toBe(201);
      expect((await writer.json('POST', '/requests', { title: 'Two ideas' })).status).toBe(201);
      expect((await writer.json('POST', '/requests', { title: 'Three ideas' })).status).toBe(429);
      // Another project has its own budget.
      expect((await elsewhere.json('POST', '/requests', { title: 'Elsewhere' })).status).toBe(201);
    }));
});
