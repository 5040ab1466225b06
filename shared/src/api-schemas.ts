import { z } from 'zod';
import { LIMITS } from './limits.js';
import { SAFE_TEXT_MESSAGES, isSafeText, safeString } from './safe-text.js';

/** The statuses a request moves through, in board order; `merged` is set only by a merge. */
export const REQUEST_STATUSES = ['open', 'planned', 'in_progress', 'done', 'closed', 'merged'] as const;

/** A status from {@link REQUEST_STATUSES}. */
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** The statuses the team sets by hand (all but `merged`). */
export const SETTABLE_STATUSES = ['open', 'planned', 'in_progress', 'done', 'closed'] as const;

/** A status from {@link SETTABLE_STATUSES}. */
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

// The sanitiser of safe-text.ts: no NUL, lone surrogates or control characters (tab and
// line breaks allowed in multi-line texts).
const boundedText = (min: number, max: number, kind: 'line' | 'text') =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
    .trim()
    .min(min, { error: min === 1 ? 'must not be empty' : `must be at least ${min} characters` })
    .max(max, { error: `must be at most ${max} characters` })
    .refine((value) => isSafeText(value, kind), { error: SAFE_TEXT_MESSAGES[kind] });

/** A one-line text (titles, search terms): trimmed, `min`–`max` characters, no control characters. */
export const lineTextSchema = (min: number, max: number) => boundedText(min, max, 'line');

/** A multi-line text (bodies, comments): trimmed, `min`–`max` characters, no NUL or control characters but tab and line breaks. */
export const multilineTextSchema = (min: number, max: number) => boundedText(min, max, 'text');

/** A request title: 3–120 characters. */
export const requestTitleSchema = lineTextSchema(3, 120);

/** A request body: up to 5,000 characters. */
export const requestBodyTextSchema = multilineTextSchema(0, 5000);

/** An anonymous id the widget generated: opaque, 8–128 URL-safe characters. */
export const anonymousIdSchema = z
  .string({ error: 'must be a string' })
  .regex(/^[A-Za-z0-9_-]{8,128}$/, { error: 'must be 8–128 URL-safe characters' });

/** Body of `POST /v1/projects/:projectId/identify`. */
export const identifyBodySchema = z.object({
  token: z
    .string({ error: 'is required' })
    .min(1, { error: 'is required' })
    .max(LIMITS.maxTokenLength * 2, { error: 'is too long' }),
  anonymousId: anonymousIdSchema.optional(),
});

/** Body of `POST /v1/projects/:projectId/sessions`. */
export const anonymousSessionBodySchema = z.object({ anonymousId: anonymousIdSchema });

/** Body of `POST /v1/projects/:projectId/requests`: title 3–120 characters, body up to 5,000, both trimmed. */
export const createRequestBodySchema = z.object({
  title: requestTitleSchema,
  body: requestBodyTextSchema.optional(),
});

/** Body of `PATCH /v1/admin/projects/:projectId/requests/:requestId`: any of status, title and body. */
export const updateRequestBodySchema = z
  .object({
    status: z.enum(SETTABLE_STATUSES, { error: `must be one of ${SETTABLE_STATUSES.join(', ')}` }).optional(),
    title: requestTitleSchema.optional(),
    body: requestBodyTextSchema.optional(),
  })
  .refine((value) => value.status !== undefined || value.title !== undefined || value.body !== undefined, { error: 'must change status, title or body' });

/** `?sort=` of the widget's request list: `trending` is votes in the last 14 days, ties by revenue. */
export const widgetSortSchema = z.enum(['top', 'new', 'trending'], { error: 'must be one of top, new, trending' }).default('top');

/** `?sort=` of the admin request list. */
export const adminSortSchema = z.enum(['revenue', 'top', 'new', 'trending'], { error: 'must be one of revenue, top, new, trending' }).default('revenue');

/** Body of `POST /v1/admin/projects/:projectId/secrets`: how long the previous secret stays valid. */
export const rotateSecretBodySchema = z
  .object({
    /** Seconds the previous secret keeps working; 0 ends it at once. Default 24 h. */
    gracePeriodSeconds: z.number().int().min(0).max(30 * 24 * 3600).default(24 * 3600),
  })
  .default({ gracePeriodSeconds: 24 * 3600 });

/** An origin a widget may be embedded on: `https://app.example.com` (scheme, host and port only). */
export const originSchema = z.string({ error: 'must be a string' }).transform((value, context) => {
  try {
    const url = new URL(value.trim());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin !== 'null') return url.origin;
  } catch {
    // reported below
  }
  context.addIssue({ code: 'custom', message: `must be an http(s) origin such as https://app.example.com (received "${value.slice(0, 100)}")` });
  return z.NEVER;
});

/** An extra accepted audience, such as `https://reqio.app/p/<id>` when migrating. */
export const audienceSchema = safeString('line').trim().min(1, { error: 'must not be empty' }).max(500, { error: 'must be at most 500 characters' });

const projectNameSchema = safeString('line').trim().min(1, { error: 'must not be empty' }).max(100, { error: 'must be at most 100 characters' });

/** Body of creating a project. */
export const createProjectBodySchema = z.object({
  name: projectNameSchema,
  allowedOrigins: z.array(originSchema).max(50).default([]),
  extraAudiences: z.array(audienceSchema).max(10).default([]),
  leewaySeconds: z.number().int().min(0).max(120).default(30),
  requireIdentity: z.boolean().default(false),
});

/** Body of `PATCH /v1/admin/projects/:projectId`: any subset of the settings. */
export const updateProjectBodySchema = z
  .object({
    name: projectNameSchema,
    allowedOrigins: z.array(originSchema).max(50, { error: 'at most 50 origins' }),
    extraAudiences: z.array(audienceSchema).max(10, { error: 'at most 10 audiences' }),
    leewaySeconds: z.number({ error: 'must be a number' }).int({ error: 'must be a whole number of seconds' }).min(0, { error: 'must be at least 0' }).max(120, { error: 'must be at most 120' }),
    requireIdentity: z.boolean({ error: 'must be true or false' }),
  })
  .partial();

/** Body of `POST /v1/admin/projects/:projectId/api-keys`. */
export const createApiKeyBodySchema = z.object({ name: safeString('line').trim().min(1).max(100).default('API key') }).default({ name: 'API key' });

/** `?limit=&offset=` of the lists. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number({ error: 'must be a number' }).int().min(1, { error: 'must be at least 1' }).max(200, { error: 'must be at most 200' }).default(50),
  offset: z.coerce.number({ error: 'must be a number' }).int().min(0, { error: 'must be at least 0' }).max(1_000_000).default(0),
});
