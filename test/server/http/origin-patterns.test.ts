import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';

// Issue 13, finding 9: "http://*.example.com" and "*" audiences were accepted and never matched.
describe('wildcard origins and audiences in the project settings', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const patch = (body: unknown) => app.admin('', { method: 'PATCH', body: JSON.stringify(body) });
  const preflight = (origin: string) =>
    fetch(`${app.url}/v1/projects/${app.project.id}/identify`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });

  it('lets https://*.example.com match one label, with the scheme and port exact', async () => {
    const response = await patch({ allowedOrigins: ['https://*.example.com', 'http://*.staging.example.org:8080'] });
    expect(response.status).toBe(200);
    expect((await response.json()).project.allowedOrigins).toEqual(['https://*.example.com', 'http://*.staging.example.org:8080']);
    for (const origin of ['https://app.example.com', 'https://eu.example.com', 'http://a.staging.example.org:8080']) {
      expect((await preflight(origin)).headers.get('access-control-allow-origin'), origin).toBe(origin);
    }
    for (const origin of ['https://example.com', 'https://a.b.example.com', 'http://app.example.com', 'https://app.example.com:8443', 'https://appexample.com', 'https://app.example.com.evil.example', 'http://a.staging.example.org']) {
      expect((await preflight(origin)).headers.get('access-control-allow-origin'), origin).toBeNull();
    }
    const refused = await fetch(`${app.url}/v1/projects/${app.project.id}/sessions`, {
      method: 'POST',
      headers: { origin: 'https://a.b.example.com', 'content-type': 'application/json' },
      body: JSON.stringify({ anonymousId: 'anon-origin-1234' }),
    });
    expect(refused.status).toBe(403);
  });

  it.each([['*'], ['https://*'], ['https://*.com'], ['https://a*.example.com'], ['https://*.*.example.com'], ['https://app.*.example.com'], ['*.example.com']])(
    'refuses the origin pattern %s with 400 validation_failed',
    async (pattern) => {
      const response = await patch({ allowedOrigins: [pattern] });
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatchObject({ code: 'validation_failed', fields: { 'allowedOrigins.0': expect.any(String) } });
    },
  );

  it.each([['*'], ['https://*.example.com/p/x']])('refuses the audience %s with 400 validation_failed (audiences are compared exactly)', async (audience) => {
    const response = await patch({ extraAudiences: [audience] });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: 'validation_failed', fields: { 'extraAudiences.0': expect.any(String) } });
  });
});
