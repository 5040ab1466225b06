import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminRoutes, ADMIN_BASE } from '../../../server/src/http/routes/admin-routes.js';
import { widgetRoutes, WIDGET_BASE } from '../../../server/src/http/routes/widget-routes.js';
import type { RouteSpec } from '../../../server/src/http/route-spec.js';
import { createWebhookTargetGuard } from '../../../server/src/webhooks/webhook-target-guard.js';
import { FUZZ_RUNS, FUZZ_SEED, FUZZ_TIMEOUT_MS, createRawClient, encodePathSegment, expectCoded, extraHeaders, rawBody, text } from '../../helpers/fuzz-arbitraries.js';
import { startTestApp, type TestApp, type TestProject } from '../../helpers/start-test-app.js';
import { identifyAs } from '../../helpers/widget-client.js';

// Issue 13: no input, however hostile, gets a 5xx; every refusal carries a code from the
// closed union. Every route of the widget and admin tables, so a new route is fuzzed the moment it exists.
describe('fuzz: hostile requests on every route get a 4xx with a code, never a 5xx', () => {
  let app: TestApp;
  let target: TestProject;
  let client: ReturnType<typeof createRawClient>;
  const real: Record<string, string> = {};
  let session = '';

  beforeAll(async () => {
    app = await startTestApp({ allowedOrigins: ['https://*.example.com'] });
    client = createRawClient(app.url);
    // No DNS from a fuzz run: every host name "resolves" to a public address.
    app.deps.webhookTargets = createWebhookTargetGuard({ allowPrivate: false, lookup: async () => [{ address: '93.184.216.34', family: 4 }] });
    target = await app.createProject({ name: 'Fuzzed' });
    const user = await identifyAs(app, { sub: 'fuzz-user', traits: { plan: 'pro', amount: 4900 } }, { project: target });
    session = user.session;
    real.requestId = (await user.json('POST', '/requests', { title: 'A real request' })).body.request.id;
    real.userId = 'fuzz-user';
    const webhook = await app.admin('/webhooks', { method: 'POST', body: JSON.stringify({ url: 'https://hooks.example.com/reqio' }), project: target });
    real.webhookId = ((await webhook.json()) as { webhook: { id: string } }).webhook.id;
  });
  afterAll(async () => {
    client.close();
    await app.close();
  });

  it(`answers ${FUZZ_RUNS} random bodies and headers on every route of the route tables without a 5xx`, async () => {
    const routes: { base: string; route: RouteSpec }[] = [
      ...widgetRoutes(app.deps).map((route) => ({ base: WIDGET_BASE, route })),
      ...adminRoutes(app.deps).map((route) => ({ base: ADMIN_BASE, route })),
    ];
    expect(routes.length).toBeGreaterThan(20);
    const param = (name: string) => fc.oneof({ weight: 3, arbitrary: fc.constant(real[name] ?? 'missing') }, { weight: 1, arbitrary: text });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.record({ requestId: param('requestId'), userId: param('userId'), webhookId: param('webhookId'), keyId: text, deliveryId: text }),
        fc.constantFrom('valid', 'none', 'wrong'),
        fc.option(rawBody, { freq: 5 }),
        extraHeaders,
        async ({ base, route }, params, credentials, body, headers) => {
          const path = `${base}${route.path === '/' ? '' : route.path}`.replace(/:(\w+)/g, (_match, name: string) =>
            encodePathSegment(name === 'projectId' ? target.id : (params as Record<string, string>)[name]!),
          );
          const secret = route.auth === 'admin' ? target.apiKey : session;
          const authorization = credentials === 'valid' ? { authorization: `Bearer ${secret}` } : credentials === 'wrong' ? { authorization: 'Bearer rq_ak_nope' } : {};
          const response = await client.send(route.method.toUpperCase(), path, { 'content-type': 'application/json', ...headers, ...authorization } as Record<string, string>, body ?? undefined);
          expectCoded(response.status, response.text, `${route.method} ${path} ${response.status} [${response.text.slice(0, 100)}] ${JSON.stringify(headers)} ${String(body).slice(0, 100)}`);
        },
      ),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS, endOnFailure: true },
    );
  }, FUZZ_TIMEOUT_MS);
});
