import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_BASE, adminRoutes } from '../../../server/src/http/routes/admin-routes.js';
import { createSystemRouter } from '../../../server/src/http/routes/system-routes.js';
import { WIDGET_BASE, widgetRoutes } from '../../../server/src/http/routes/widget-routes.js';
import { API_OPERATIONS, type ApiOperation } from '../../../server/src/openapi/api-operations.js';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';
import { ALLOW_PRIVATE_WEBHOOKS } from '../../helpers/webhook-receiver.js';
import { storeKinds } from '../../helpers/test-database.js';
import { identifyAs, type WidgetClient } from '../../helpers/widget-client.js';

type Document = {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, { operationId: string; parameters: { name: string; in: string }[]; requestBody?: unknown; responses: Record<string, unknown> }>>;
  webhooks: Record<string, unknown>;
  components: { schemas: Record<string, unknown> };
};

/** `METHOD /express/:pattern` of every route the app really serves: the widget and admin tables and the system router. */
function routesOf(app: TestApp): string[] {
  const join = (base: string, path: string) => `${base}${path === '/' ? '' : path}`;
  const system = (createSystemRouter(app.deps).stack as { route?: { path: string; methods: Record<string, boolean> } }[]).flatMap((layer) =>
    layer.route ? Object.keys(layer.route.methods).map((method) => `${method} ${layer.route!.path}`) : [],
  );
  return [
    ...system,
    ...widgetRoutes(app.deps).map((route) => `${route.method} ${join(WIDGET_BASE, route.path)}`),
    ...adminRoutes(app.deps).map((route) => `${route.method} ${join(ADMIN_BASE, route.path)}`),
  ].sort();
}

function collectRefs(value: unknown, refs: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const item of value) collectRefs(item, refs);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') refs.add(item);
      else collectRefs(item, refs);
    }
  }
  return refs;
}

describe.each(storeKinds)('GET /v1/openapi.json on %s', (store) => {
  let app: TestApp;
  let document: Document;
  const params: Record<string, string> = {};
  const credentials: Record<'admin' | 'session', string> = { admin: '', session: '' };
  let widget: WidgetClient;

  beforeAll(async () => {
    app = await startTestApp({ store, env: ALLOW_PRIVATE_WEBHOOKS });
    const response = await fetch(`${app.url}/v1/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    document = (await response.json()) as Document;

    // Real things for every path parameter, so each described answer can be checked against a real one.
    const webhook = (await (await app.admin('/webhooks', { method: 'POST', body: JSON.stringify({ url: 'http://127.0.0.1:9/hook', events: ['request.created'] }) })).json()) as {
      webhook: { id: string };
    };
    params.webhookId = webhook.webhook.id;
    const user = await identifyAs(app, { sub: 'documented', email: 'doc@example.com', traits: { plan: 'pro', amount: 4900 } });
    await identifyAs(app, { sub: 'doc-disposable' });
    credentials.session = user.session;
    widget = user;
    credentials.admin = app.project.apiKey;
    params.projectId = app.project.id;
    params.requestId = (await user.json('POST', '/requests', { title: 'Documented request' })).body.request.id;
    params.userId = 'documented';
    params.token = app.deps.unsubscribeTokens.sign({ projectId: app.project.id, email: 'doc@example.com' });
    params.accountId = ((await (await app.admin('/accounts')).json()) as { accounts: { id: string }[] }).accounts[0]!.id;
    params.commentId = (await user.json('POST', `/requests/${params.requestId}/comments`, { body: 'A documented comment' })).body.comment.id;
    const spareKey = (await (await app.admin('/api-keys', { method: 'POST', body: JSON.stringify({ name: 'spare' }) })).json()) as { key: { id: string } };
    params.keyId = spareKey.key.id;
    // No worker runs here: the request's delivery stays pending in the log.
    const log = (await (await app.admin(`/webhooks/${params.webhookId}/deliveries`)).json()) as { deliveries: { id: string }[] };
    params.deliveryId = log.deliveries[0]!.id;
  });
  afterAll(() => app.close());

  it('is an OpenAPI 3.1 document for this service', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([{ url: app.url }]);
    expect(Object.keys(document.webhooks).sort()).toEqual([
      'comment.created',
      'request.created',
      'request.deleted',
      'request.merged',
      'request.status_changed',
      'request.updated',
      'user.deleted',
      'user.identified',
      'vote.created',
      'vote.deleted',
    ]);
  });

  it('describes exactly the routes the app has: a route without a description, or a description without a route, fails here', () => {
    const described = Object.entries(document.paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path.replace(/\{(\w+)\}/g, ':$1')}`))
      .sort();
    expect(described).toEqual(routesOf(app));
    expect(described.length).toBeGreaterThanOrEqual(34);
  });

  it('names every path parameter, and every $ref resolves to a component', () => {
    for (const [path, operations] of Object.entries(document.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const [method, operation] of Object.entries(operations)) {
        expect(operation.parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name), `${method} ${path}`).toEqual(names);
      }
    }
    const refs = [...collectRefs(document)];
    expect(refs.length).toBeGreaterThan(40);
    for (const ref of refs) expect(Object.keys(document.components.schemas), ref).toContain(ref.replace('#/components/schemas/', ''));
  });

  const urlOf = (operation: ApiOperation, overrides: Record<string, string> = {}) =>
    `${app.url}${operation.path.replace(/:(\w+)/g, (_match, name: string) => encodeURIComponent(overrides[name] ?? params[name] ?? 'missing'))}`;
  const headersOf = (operation: ApiOperation, withBody: boolean): Record<string, string> => ({
    ...(operation.auth === 'admin' && { authorization: `Bearer ${credentials.admin}` }),
    ...(operation.auth === 'session' && { authorization: `Bearer ${credentials.session}` }),
    ...(withBody && { 'content-type': 'application/json' }),
  });

  it('validates the documented request bodies and query parameters on the real routes', async () => {
    for (const operation of API_OPERATIONS) {
      const label = `${operation.method} ${operation.path}`;
      if (operation.body !== undefined) {
        const response = await fetch(urlOf(operation), { method: operation.method.toUpperCase(), headers: headersOf(operation, true), body: '[]' });
        expect(response.status, `${label} with a body that is not an object`).toBe(400);
        expect(((await response.json()) as { error: { code: string } }).error.code, label).toBe('validation_failed');
      }
      for (const name of Object.keys(operation.query?.shape ?? {})) {
        // Not a number, no status, and a NUL that no text parameter takes.
        const response = await fetch(`${urlOf(operation)}?${name}=-1.5x%00`, { headers: headersOf(operation, false) });
        expect(response.status, `${label} ?${name}`).toBe(400);
        expect(((await response.json()) as { error: { fields: Record<string, string> } }).error.fields, `${label} ?${name}`).toHaveProperty(name);
      }
    }
  });

  // How to call each operation that is not a GET for real; a new one must be added here.
  const examples: Record<string, () => Promise<{ body?: unknown; overrides?: Record<string, string>; query?: string }>> = {
    listSimilarRequests: async () => ({ query: '?title=Documented' }),
    identify: async () => ({ body: { token: await app.mint({ sub: 'documented' }) } }),
    startAnonymousSession: async () => ({ body: { anonymousId: 'anonymous_doc_01' } }),
    createRequest: async () => ({ body: { title: 'Another documented request' } }),
    castVote: async () => ({}),
    removeVote: async () => ({}),
    updateProject: async () => ({ body: { name: 'Documented project' } }),
    updateOwnRequest: async () => ({ body: { body: 'Documented details' } }),
    deleteOwnRequest: async () => {
      const spare = await widget.json('POST', '/requests', { title: 'Spare documented request' });
      return { overrides: { requestId: spare.body.request.id } };
    },
    createComment: async () => ({ body: { body: 'Another documented comment' } }),
    deleteOwnComment: async () => {
      const spare = await widget.json('POST', `/requests/${params.requestId}/comments`, { body: 'Spare comment' });
      return { overrides: { commentId: spare.body.comment.id } };
    },
    markUpdatesSeen: async () => ({}),
    updateNotifications: async () => ({ body: { emailEnabled: true } }),
    sendTestEmail: async () => ({ body: { to: 'team@example.com' } }),
    unsubscribe: async () => ({}),
    updateRequest: async () => ({ body: { status: 'planned' } }),
    deleteRequest: async () => {
      const spare = await widget.json('POST', '/requests', { title: 'Spare request to delete' });
      return { overrides: { requestId: spare.body.request.id } };
    },
    mergeRequest: async () => {
      const spare = await widget.json('POST', '/requests', { title: 'Spare duplicate' });
      return { overrides: { requestId: spare.body.request.id }, body: { into: params.requestId } };
    },
    createTeamComment: async () => ({ body: { body: 'Thanks, planned for May.' } }),
    deleteComment: async () => {
      const spare = (await (await app.admin(`/requests/${params.requestId}/comments`, { method: 'POST', body: JSON.stringify({ body: 'Spare note', internal: true }) })).json()) as { comment: { id: string } };
      return { overrides: { commentId: spare.comment.id } };
    },
    deleteUser: async () => ({ overrides: { userId: 'doc-disposable' } }),
    rotateSecret: async () => ({ body: { gracePeriodSeconds: 60 } }),
    endSecretGrace: async () => ({}),
    createApiKey: async () => ({ body: { name: 'documented' } }),
    revokeApiKey: async () => ({}),
    createWebhook: async () => ({ body: { url: 'https://example.com/hooks/reqio', events: ['vote.created'] } }),
    updateWebhook: async () => ({ body: { description: 'Documented' } }),
    deleteWebhook: async () => {
      const spare = (await (await app.admin('/webhooks', { method: 'POST', body: JSON.stringify({ url: 'https://example.com/spare' }) })).json()) as { webhook: { id: string } };
      return { overrides: { webhookId: spare.webhook.id } };
    },
    rotateWebhookSecret: async () => ({ body: { gracePeriodSeconds: 60 } }),
    redeliverWebhook: async () => ({}),
  };

  it('answers every operation with a documented status and exactly the documented answer', async () => {
    for (const operation of API_OPERATIONS) {
      const label = `${operation.method} ${operation.path}`;
      const example = operation.method === 'get' ? ((await examples[operation.id]?.()) ?? {}) : await examples[operation.id]?.();
      expect(example, `${label}: add an example call for ${operation.id}`).toBeDefined();
      const response = await fetch(`${urlOf(operation, example!.overrides)}${example!.query ?? ''}`, {
        method: operation.method.toUpperCase(),
        headers: headersOf(operation, example!.body !== undefined),
        ...(example!.body !== undefined && { body: JSON.stringify(example!.body) }),
      });
      const documented = operation.responses[response.status];
      expect(documented, `${label} answered ${response.status}: ${await response.clone().text()}`).toBeDefined();
      if (documented!.schema === undefined) {
        if (documented!.contentType === undefined) expect(await response.text(), label).toBe('');
        else expect(response.headers.get('content-type'), label).toContain(documented!.contentType);
        continue;
      }
      const body = await response.json();
      // Parsing drops fields the schema does not name, so equality means nothing undocumented was sent either.
      const parsed = documented!.schema.safeParse(body);
      expect(parsed.error?.issues, label).toBeUndefined();
      expect(parsed.data, `${label}: the answer has fields the description lacks`).toEqual(body);
    }
  });
});
