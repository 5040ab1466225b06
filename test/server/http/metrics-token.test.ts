import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';

// Issue 13, finding 10: /metrics needed no credentials.
describe('GET /metrics with REQIO_METRICS_TOKEN', () => {
  const token = 'metrics-token-for-tests-0123456789';
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { REQIO_METRICS_TOKEN: token } });
  });
  afterAll(() => app.close());

  it('answers 401 unauthorized without the token or with another one', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: token }] as Record<string, string>[]) {
      const response = await fetch(`${app.url}/metrics`, { headers });
      expect(response.status).toBe(401);
      expect((await response.json()).error.code).toBe('unauthorized');
    }
  });

  it('answers the Prometheus text with the token', async () => {
    const response = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('reqio_http_request_duration_seconds');
  });
});
