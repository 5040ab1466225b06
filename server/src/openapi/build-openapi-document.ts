import {
  WEBHOOK_EVENT_TYPES,
  adminProjectSchema,
  adminRequestSchema,
  adminUserSchema,
  adminVoterSchema,
  apiErrorBodySchema,
  apiKeySchema,
  apiWarningSchema,
  normalizedTraitsSchema,
  webhookAttemptSchema,
  webhookDeliverySchema,
  webhookEndpointSchema,
  webhookEventSchema,
  widgetRequestSchema,
} from '@reqio/shared';
import { z } from 'zod';
import { API_OPERATIONS, type ApiOperation } from './api-operations.js';

type JsonObject = Record<string, unknown>;

const COMPONENT_REF = '#/components/schemas/';

// Resources that several answers share get a name of their own in `components`.
const NAMED_RESOURCES: [string, z.ZodType][] = [
  ['ApiError', apiErrorBodySchema],
  ['ApiWarning', apiWarningSchema],
  ['WidgetRequest', widgetRequestSchema],
  ['AdminRequest', adminRequestSchema],
  ['AdminVoter', adminVoterSchema],
  ['AdminUser', adminUserSchema],
  ['NormalizedTraits', normalizedTraitsSchema],
  ['AdminProject', adminProjectSchema],
  ['ApiKey', apiKeySchema],
  ['WebhookEndpoint', webhookEndpointSchema],
  ['WebhookDelivery', webhookDeliverySchema],
  ['WebhookAttempt', webhookAttemptSchema],
];

const eventComponentName = (type: string) => `${type.split(/[._]/).map((part) => part[0]!.toUpperCase() + part.slice(1)).join('')}Event`;
const capitalize = (text: string) => text[0]!.toUpperCase() + text.slice(1);
const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

/** Drops what a component must not carry (`$schema`, `$id`), and in answers `additionalProperties: false`: fields may be added. */
function clean(schema: unknown, isAnswer: boolean): unknown {
  if (Array.isArray(schema)) return schema.map((item) => clean(item, isAnswer));
  if (typeof schema !== 'object' || schema === null) return schema;
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$schema' || key === '$id') continue;
    if (isAnswer && key === 'additionalProperties' && value === false) continue;
    // zod's int() bounds every integer to the safe range: true, but noise in a description.
    if ((key === 'minimum' && value === Number.MIN_SAFE_INTEGER) || (key === 'maximum' && value === Number.MAX_SAFE_INTEGER)) continue;
    result[key] = clean(value, isAnswer);
  }
  return result;
}

/** Converts every schema in `named` into components, referring to one another by name. */
function toComponents(named: Map<z.ZodType, string>, io: 'input' | 'output'): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of named) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io, target: 'draft-2020-12', unrepresentable: 'any', uri: (id) => `${COMPONENT_REF}${id}` });
  return clean(schemas, io === 'output') as Record<string, unknown>;
}

function securityOf(auth: ApiOperation['auth']): JsonObject[] {
  if (auth === 'admin') return [{ apiKey: [] }];
  if (auth === 'session') return [{ widgetSession: [] }];
  return [];
}

function parametersOf(operation: ApiOperation): JsonObject[] {
  const parameters: JsonObject[] = [...operation.path.matchAll(/:(\w+)/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  if (operation.query !== undefined) {
    const query = z.toJSONSchema(operation.query, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as { properties?: Record<string, JsonObject>; required?: string[] };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      const { description, ...rest } = schema;
      parameters.push({ name, in: 'query', required: query.required?.includes(name) ?? false, ...(description !== undefined && { description }), schema: clean(rest, false) });
    }
  }
  return parameters;
}

const ERROR_RESPONSE = { description: 'An error: `error.code` is a stable string (see ApiError).', content: { 'application/json': { schema: { $ref: `${COMPONENT_REF}ApiError` } } } };

/**
 * The OpenAPI 3.1 description of the whole HTTP API, generated from the shared zod
 * schemas the routes validate with (request bodies and queries) and answer with, plus the
 * webhook deliveries under `webhooks`.
 */
export function buildOpenApiDocument(options: { publicUrl: string; version: string }): JsonObject {
  const answers = new Map<z.ZodType, string>(NAMED_RESOURCES.map(([name, schema]) => [schema, name]));
  const bodies = new Map<z.ZodType, string>();
  for (const event of webhookEventSchema.options) answers.set(event, eventComponentName(event.shape.type.value));
  for (const operation of API_OPERATIONS) {
    if (operation.body !== undefined && !bodies.has(operation.body)) bodies.set(operation.body, `${capitalize(operation.id)}Body`);
    for (const response of Object.values(operation.responses)) {
      if (response.schema !== undefined && !answers.has(response.schema)) answers.set(response.schema, `${capitalize(operation.id)}Response`);
    }
  }
  const ref = (named: Map<z.ZodType, string>, schema: z.ZodType) => ({ $ref: `${COMPONENT_REF}${named.get(schema)!}` });

  const paths: Record<string, JsonObject> = {};
  for (const operation of API_OPERATIONS) {
    const responses: JsonObject = {};
    for (const [status, response] of Object.entries(operation.responses)) {
      const contentType = response.contentType ?? 'application/json';
      responses[status] = {
        description: response.description,
        ...((response.schema !== undefined || response.contentType !== undefined) && {
          content: { [contentType]: { schema: response.schema !== undefined ? ref(answers, response.schema) : { type: 'string' } } },
        }),
      };
    }
    responses.default = ERROR_RESPONSE;
    const path = (paths[toOpenApiPath(operation.path)] ??= {});
    path[operation.method] = {
      operationId: operation.id,
      tags: [operation.tag],
      summary: operation.summary,
      security: securityOf(operation.auth),
      parameters: parametersOf(operation),
      ...(operation.body !== undefined && {
        // A body whose every field has a default may be left out.
        requestBody: { required: !operation.body.safeParse(undefined).success, content: { 'application/json': { schema: ref(bodies, operation.body) } } },
      }),
      responses,
    };
  }

  const signatureHeaders = [
    { name: 'webhook-id', in: 'header', required: true, description: 'The event id: the same on every attempt and redelivery; de-duplicate on it.', schema: { type: 'string' } },
    { name: 'webhook-timestamp', in: 'header', required: true, description: 'Seconds since the epoch when this attempt was signed.', schema: { type: 'string', pattern: '^[0-9]+$' } },
    { name: 'webhook-signature', in: 'header', required: true, description: 'Space-separated `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` entries, one per active secret.', schema: { type: 'string' } },
  ];
  const webhooks: Record<string, JsonObject> = {};
  for (const type of WEBHOOK_EVENT_TYPES) {
    webhooks[type] = {
      post: {
        operationId: `on${eventComponentName(type)}`,
        summary: `Sent to endpoints subscribed to ${type}`,
        parameters: signatureHeaders,
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: `${COMPONENT_REF}${eventComponentName(type)}` } } } },
        responses: { '2XX': { description: 'Received. Anything else (or no answer within 10 s) is retried with exponential backoff.' } },
      },
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Reqio API',
      version: options.version,
      description: 'The widget API (widget sessions), the admin API (project API keys) and the webhooks Reqio sends. Errors answer `{ "error": { "code", "message" } }`.',
    },
    servers: [{ url: options.publicUrl }],
    tags: [
      { name: 'System', description: 'Health, metrics, the widget script and this document.' },
      { name: 'Widget', description: 'What the widget calls, with a widget session.' },
      { name: 'Admin', description: 'The product team’s API, with a project API key.' },
      { name: 'Webhooks', description: 'Webhook endpoints and their delivery log.' },
    ],
    paths,
    webhooks,
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'A project API key, `rq_ak_…`.' },
        widgetSession: { type: 'http', scheme: 'bearer', description: 'A widget session from identify or sessions.' },
      },
      schemas: { ...toComponents(answers, 'output'), ...toComponents(bodies, 'input') },
    },
  };
}
