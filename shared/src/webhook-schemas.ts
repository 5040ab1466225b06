import { z } from 'zod';
import { safeString } from './safe-text.js';
import { REQUEST_STATUSES } from './api-schemas.js';

/** The events a webhook endpoint can subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  'request.created',
  'request.status_changed',
  'request.updated',
  'request.merged',
  'request.deleted',
  'comment.created',
  'vote.created',
  'vote.deleted',
  'user.identified',
  'user.deleted',
] as const;

/** An event type from {@link WEBHOOK_EVENT_TYPES}. */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Where a delivery stands: waiting for its next attempt, delivered, or given up. */
export const WEBHOOK_DELIVERY_STATES = ['pending', 'succeeded', 'failed'] as const;

/** A state from {@link WEBHOOK_DELIVERY_STATES}. */
export type WebhookDeliveryState = (typeof WEBHOOK_DELIVERY_STATES)[number];

/** Longest accepted endpoint URL, in characters. */
export const MAX_WEBHOOK_URL_LENGTH = 2048;

/** Longest grace period of a rotated webhook secret: 7 days. */
export const MAX_WEBHOOK_SECRET_GRACE_SECONDS = 7 * 24 * 3600;

/** One event type, with a message listing the others. */
export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES, { error: `must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}` });

/**
 * An endpoint URL: http or https only, no user name or password (they would end up in logs
 * and `fetch` refuses them), the fragment dropped since it never reaches the receiver.
 */
export const webhookUrlSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
  .trim()
  .max(MAX_WEBHOOK_URL_LENGTH, { error: `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters` })
  .transform((value, context) => {
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      // reported below
    }
    if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
      context.addIssue({ code: 'custom', message: 'must be an http(s) URL such as https://example.com/webhooks/reqio' });
      return z.NEVER;
    }
    if (url.username !== '' || url.password !== '') {
      context.addIssue({ code: 'custom', message: 'must not contain a user name or password' });
      return z.NEVER;
    }
    url.hash = '';
    return url.href;
  })
  .meta({ format: 'uri', description: 'Where deliveries are POSTed: an http(s) URL without user name or password.' });

const descriptionSchema = safeString('line').trim().max(200, { error: 'must be at most 200 characters' });
const eventsSchema = z
  .array(webhookEventTypeSchema, { error: 'must be a list of event types' })
  .max(WEBHOOK_EVENT_TYPES.length, { error: `at most ${WEBHOOK_EVENT_TYPES.length} event types` })
  .meta({ description: 'The event types to deliver; empty means every event.' });

/** Body of `POST /v1/admin/projects/:projectId/webhooks`. */
export const createWebhookBodySchema = z.object({
  url: webhookUrlSchema,
  events: eventsSchema.default([]),
  description: descriptionSchema.default(''),
  enabled: z.boolean({ error: 'must be true or false' }).default(true),
});

/** Body of `PATCH /v1/admin/projects/:projectId/webhooks/:webhookId`: any subset. */
export const updateWebhookBodySchema = z
  .object({
    url: webhookUrlSchema,
    events: eventsSchema,
    description: descriptionSchema,
    enabled: z.boolean({ error: 'must be true or false' }),
  })
  .partial();

/** Body of `POST …/webhooks/:webhookId/secret`: how long the previous secret keeps signing. */
export const rotateWebhookSecretBodySchema = z
  .object({
    /** Seconds the previous secret keeps signing beside the new one; 0 stops it at once. Default 24 h. */
    gracePeriodSeconds: z
      .number({ error: 'must be a number' })
      .int({ error: 'must be a whole number of seconds' })
      .min(0, { error: 'must be at least 0' })
      .max(MAX_WEBHOOK_SECRET_GRACE_SECONDS, { error: `must be at most ${MAX_WEBHOOK_SECRET_GRACE_SECONDS}` })
      .default(24 * 3600),
  })
  .default({ gracePeriodSeconds: 24 * 3600 });

/** `?limit=&offset=&state=` of an endpoint's delivery log, newest first. */
export const webhookDeliveryQuerySchema = z.object({
  limit: z.coerce.number({ error: 'must be a number' }).int().min(1, { error: 'must be at least 1' }).max(100, { error: 'must be at most 100' }).default(20),
  offset: z.coerce.number({ error: 'must be a number' }).int().min(0, { error: 'must be at least 0' }).max(1_000_000).default(0),
  state: z.enum(WEBHOOK_DELIVERY_STATES, { error: `must be one of ${WEBHOOK_DELIVERY_STATES.join(', ')}` }).optional(),
});

const isoDate = z.string().meta({ format: 'date-time' });

/** A webhook endpoint as the admin API shows it: never its secret. */
export const webhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(webhookEventTypeSchema).meta({ description: 'The event types delivered; empty means every event.' }),
  enabled: z.boolean(),
  /** While a rotated secret still signs beside the current one: until when; otherwise null. */
  previousSecretValidUntil: isoDate.nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

/** A webhook endpoint. */
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

/** One HTTP attempt of a delivery. */
export const webhookAttemptSchema = z.object({
  /** 1 for the first attempt. */
  attempt: z.number().int(),
  startedAt: isoDate,
  durationMs: z.number().int(),
  /** The receiver's status, or null when no answer came (refused, timed out). */
  statusCode: z.number().int().nullable(),
  succeeded: z.boolean(),
  /** Why it failed when there was no answer (`timeout after 10000 ms`, `ECONNREFUSED`), or null. */
  error: z.string().nullable(),
  /** The first characters of the receiver's answer, or null. */
  responseExcerpt: z.string().nullable(),
});

/** One HTTP attempt of a delivery. */
export type WebhookAttempt = z.infer<typeof webhookAttemptSchema>;

/** One event on its way to one endpoint, with every attempt so far (the delivery log). */
export const webhookDeliverySchema = z.object({
  id: z.string(),
  webhookId: z.string(),
  /** `event.id` is the `webhook-id` header: the same on every attempt and redelivery, for de-duplication. */
  event: z.object({ id: z.string(), type: webhookEventTypeSchema, createdAt: isoDate }),
  state: z.enum(WEBHOOK_DELIVERY_STATES),
  attemptCount: z.number().int(),
  /** When the next attempt is due while `pending`; null otherwise. */
  nextAttemptAt: isoDate.nullable(),
  /** The delivery this one redelivers, or null. */
  redeliveryOf: z.string().nullable(),
  createdAt: isoDate,
  completedAt: isoDate.nullable(),
  attempts: z.array(webhookAttemptSchema),
});

/** One event on its way to one endpoint, with its attempts. */
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

/** Answer of creating a webhook endpoint: the secret is shown here and by `GET …/secret`. */
export const createWebhookResponseSchema = z.object({ webhook: webhookEndpointSchema, secret: z.string() });

/** Answer of rotating an endpoint's secret. */
export const rotateWebhookSecretResponseSchema = z.object({
  secret: z.string(),
  /** Until when the previous secret keeps signing too (ISO 8601), or null when it stopped at once. */
  previousValidUntil: isoDate.nullable(),
});

/** Answer of rotating an endpoint's secret. */
export type RotateWebhookSecretResponse = z.infer<typeof rotateWebhookSecretResponseSchema>;

/** Answer of `GET …/webhooks/:webhookId/deliveries`. */
export const webhookDeliveryListSchema = z.object({ deliveries: z.array(webhookDeliverySchema), total: z.number().int() });

/** Answer of `GET …/webhooks/:webhookId/deliveries/:deliveryId`: the log entry and the exact body sent. */
export const webhookDeliveryDetailSchema = z.object({ delivery: webhookDeliverySchema, payload: z.string() });

// The events' `data`, one schema per type: the body of each delivery.
const requestStatusSchema = z.enum(REQUEST_STATUSES);
const eventRequestSchema = z.object({ id: z.string(), title: z.string(), body: z.string(), status: requestStatusSchema, votes: z.number().int(), createdAt: isoDate });
const voteDataSchema = z.object({ requestId: z.string(), votes: z.number().int(), identified: z.boolean() });

/** `data` of each event type. */
export const webhookEventDataSchemas = {
  'request.created': z.object({ request: eventRequestSchema }),
  'request.status_changed': z.object({ request: z.object({ id: z.string(), title: z.string() }), from: requestStatusSchema, to: requestStatusSchema }),
  'request.updated': z.object({ request: eventRequestSchema, changed: z.array(z.enum(['title', 'body'])) }),
  'request.merged': z.object({ request: z.object({ id: z.string(), title: z.string() }), into: z.object({ id: z.string(), title: z.string(), votes: z.number().int() }) }),
  'request.deleted': z.object({ request: z.object({ id: z.string(), title: z.string() }) }),
  'comment.created': z.object({
    comment: z.object({ id: z.string(), requestId: z.string(), body: z.string(), team: z.boolean(), internal: z.boolean(), createdAt: isoDate }),
    request: z.object({ id: z.string(), title: z.string() }),
  }),
  'vote.created': voteDataSchema,
  'vote.deleted': voteDataSchema,
  'user.identified': z.object({
    user: z.object({ id: z.string(), email: z.string().nullable(), plan: z.string().nullable(), monthlyAmount: z.number().int() }),
    created: z.boolean(),
  }),
  'user.deleted': z.object({ user: z.object({ id: z.string() }) }),
} satisfies Record<WebhookEventType, z.ZodType>;

const envelope = <T extends WebhookEventType>(type: T) =>
  z.object({
    /** The event's id, also sent as the `webhook-id` header. */
    id: z.string(),
    type: z.literal(type),
    /** When the event happened (ISO 8601). */
    timestamp: isoDate,
    projectId: z.string(),
    data: webhookEventDataSchemas[type],
  });

/** The JSON body of every webhook delivery, by event type. */
export const webhookEventSchema = z.discriminatedUnion('type', [
  envelope('request.created'),
  envelope('request.status_changed'),
  envelope('request.updated'),
  envelope('request.merged'),
  envelope('request.deleted'),
  envelope('comment.created'),
  envelope('vote.created'),
  envelope('vote.deleted'),
  envelope('user.identified'),
  envelope('user.deleted'),
]);

/** The JSON body of a webhook delivery; narrow it on `type`. */
export type WebhookEvent = z.infer<typeof webhookEventSchema>;
