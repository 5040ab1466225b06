import { z } from 'zod';
import { lineTextSchema, multilineTextSchema, pageQuerySchema, requestBodyTextSchema, requestTitleSchema, widgetSortSchema, adminSortSchema, REQUEST_STATUSES } from './api-schemas.js';
import { widgetRequestSchema } from './api-response-schemas.js';

// The feedback workflow of CONTRACT §7 and §8: search, comments, updates, merges, email.

const isoDate = z.string().meta({ format: 'date-time' });

/** Longest comment, in characters. */
export const MAX_COMMENT_LENGTH = 5000;

/** `?status=open,planned`: a comma-separated list of statuses. */
export const statusFilterSchema = z
  .string({ error: 'must be a comma-separated list of statuses' })
  .transform((value, context) => {
    const statuses = [...new Set(value.split(',').map((part) => part.trim()).filter(Boolean))];
    const unknown = statuses.filter((status) => !(REQUEST_STATUSES as readonly string[]).includes(status));
    if (unknown.length > 0 || statuses.length === 0) {
      context.addIssue({ code: 'custom', message: `must be a comma-separated list of ${REQUEST_STATUSES.join(', ')}` });
      return z.NEVER;
    }
    return statuses as (typeof REQUEST_STATUSES)[number][];
  })
  .meta({ description: 'Comma-separated statuses, e.g. open,planned.' });

/** `?q=`: words to search titles and bodies for (full text, ranked; the last word may be a prefix). */
export const searchTextSchema = lineTextSchema(1, 200).meta({ description: 'Words searched in titles and bodies, ranked.' });

/** Query of `GET /v1/projects/:projectId/requests`. */
export const widgetListQuerySchema = pageQuerySchema.extend({
  sort: widgetSortSchema,
  status: statusFilterSchema.optional(),
  q: searchTextSchema.optional(),
});

/**
 * Query of `GET /v1/admin/projects/:projectId/requests` (and `requests.csv`). A segment —
 * `plan` and `minMonthlyAmount` (minor units of the project's currency) — keeps the requests
 * asked for by accounts on that plan paying at least that much, with that segment's share.
 */
export const adminListQuerySchema = pageQuerySchema.extend({
  sort: adminSortSchema,
  status: statusFilterSchema.optional(),
  q: searchTextSchema.optional(),
  plan: lineTextSchema(1, 100).optional(),
  minMonthlyAmount: z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number of minor units' })
    .min(0, { error: 'must be at least 0' })
    .max(Number.MAX_SAFE_INTEGER)
    .optional(),
});

/** Query of `GET /v1/projects/:projectId/requests/similar`: the title being typed. */
export const similarQuerySchema = z.object({ title: lineTextSchema(1, 200) });

/** Body of `PATCH /v1/projects/:projectId/requests/:requestId`: the author edits an open request. */
export const updateOwnRequestBodySchema = z
  .object({ title: requestTitleSchema.optional(), body: requestBodyTextSchema.optional() })
  .refine((value) => value.title !== undefined || value.body !== undefined, { error: 'must change title or body' });

/** Body of `POST /v1/projects/:projectId/requests/:requestId/comments`. */
export const createCommentBodySchema = z.object({ body: multilineTextSchema(1, MAX_COMMENT_LENGTH) });

/** Body of `POST /v1/admin/projects/:projectId/requests/:requestId/comments`: a team reply, or an internal note. */
export const createTeamCommentBodySchema = z.object({
  body: multilineTextSchema(1, MAX_COMMENT_LENGTH),
  internal: z.boolean({ error: 'must be true or false' }).default(false).meta({ description: 'An internal note: never shown in the widget, never emailed.' }),
});

/** Body of `POST /v1/admin/projects/:projectId/requests/:requestId/merge`. */
export const mergeRequestBodySchema = z.object({ into: z.string({ error: 'is required' }).min(1, { error: 'is required' }).max(100, { error: 'is not a request id' }) });

/** Body of `PATCH /v1/admin/projects/:projectId/notifications`. */
export const updateNotificationsBodySchema = z.object({ emailEnabled: z.boolean({ error: 'must be true or false' }) });

/** Body of `POST /v1/admin/projects/:projectId/notifications/test-email`. */
export const testEmailBodySchema = z.object({
  to: z.email({ error: 'must be an email address' }).max(254, { error: 'must be at most 254 characters' }),
});

/** A comment as the widget shows it: the author's name and whether the team wrote it, never an email. */
export const widgetCommentSchema = z.object({
  id: z.string(),
  body: z.string(),
  author: z.object({ name: z.string().nullable(), team: z.boolean() }),
  /** Whether the caller wrote it (and may delete it). */
  mine: z.boolean(),
  createdAt: isoDate,
});

/** A comment as the widget shows it. */
export type WidgetComment = z.infer<typeof widgetCommentSchema>;

/** A request as its detail view shows it: whether the caller wrote it (and may edit or delete it while open). */
export const widgetRequestDetailSchema = widgetRequestSchema.extend({ mine: z.boolean() });

/** Answer of `GET /v1/projects/:projectId/requests/:requestId`; asked for a merged id, the target with `mergedFrom`. */
export const widgetRequestDetailResponseSchema = z.object({
  request: widgetRequestDetailSchema,
  comments: z.array(widgetCommentSchema),
  mergedFrom: z.string().optional().meta({ description: 'Present when the id asked for was merged into this request.' }),
});

/** Answer of `GET /v1/projects/:projectId/requests/:requestId`. */
export type WidgetRequestDetail = z.infer<typeof widgetRequestDetailResponseSchema>;

/** Answer of `GET /v1/projects/:projectId/requests/similar`. */
export const similarRequestsSchema = z.object({ requests: z.array(widgetRequestSchema) });

/** Answer of `POST …/comments` in the widget. */
export const createdWidgetCommentSchema = z.object({ comment: widgetCommentSchema });

/** What happened to a request the user follows: its status changed, or the team replied. */
export const UPDATE_KINDS = ['status', 'reply'] as const;

/** Answer of `GET /v1/projects/:projectId/updates`, newest first. */
export const updatesResponseSchema = z.object({
  updates: z.array(z.object({ request: widgetRequestSchema, kind: z.enum(UPDATE_KINDS), at: isoDate })),
});

/** Answer of `GET /v1/projects/:projectId/updates`. */
export type UpdatesResponse = z.infer<typeof updatesResponseSchema>;

/** A comment as the product team sees it: who wrote it, and internal notes too. */
export const adminCommentSchema = z.object({
  id: z.string(),
  body: z.string(),
  author: z.object({
    name: z.string().nullable(),
    team: z.boolean(),
    /** The user's id (the token's sub) when a user wrote it. */
    userId: z.string().nullable(),
    email: z.string().nullable(),
  }),
  internal: z.boolean(),
  createdAt: isoDate,
});

/** A comment as the product team sees it. */
export type AdminComment = z.infer<typeof adminCommentSchema>;

/** Answer of `GET /v1/admin/projects/:projectId/requests/:requestId/comments`. */
export const adminCommentListSchema = z.object({ comments: z.array(adminCommentSchema) });

/** Answer of `POST /v1/admin/projects/:projectId/requests/:requestId/comments`. */
export const createdAdminCommentSchema = z.object({ comment: adminCommentSchema });

/** A project's notification settings, and whether the service can send email at all. */
export const notificationSettingsSchema = z.object({
  emailEnabled: z.boolean(),
  /** False when SMTP_URL is not set: nothing is sent whatever the switch says. */
  smtpConfigured: z.boolean(),
});

/** A project's notification settings. */
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

/** Answer of `GET`/`PATCH /v1/admin/projects/:projectId/notifications`. */
export const notificationSettingsResponseSchema = z.object({ notifications: notificationSettingsSchema });

/** Answer of `POST /v1/admin/projects/:projectId/notifications/test-email`: whether the SMTP server took it, and its answer when not. */
export const testEmailResponseSchema = z.object({ delivered: z.boolean(), error: z.string().optional() });
