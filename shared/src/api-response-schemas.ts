import { z } from 'zod';
import { REQUEST_STATUSES } from './api-schemas.js';
import type {
  AdminRequest,
  AdminRequestDetail,
  AdminUser,
  AdminVoter,
  AnonymousSessionResponse,
  ApiWarning,
  IdentifyResponse,
  RotateSecretResponse,
  VoteResponse,
  WidgetRequest,
  WidgetRequestList,
} from './api-types.js';
import { API_ERROR_CODES, WARNING_CODES } from './error-codes.js';
import type { NormalizedTraits } from './normalize-traits.js';

// The answers of the HTTP API as zod schemas, so the OpenAPI description is generated from
// the same source as the types; `satisfies` keeps each one in step with its interface.

const isoDate = z.string().meta({ format: 'date-time' });
const status = z.enum(REQUEST_STATUSES);

/** The body of every 4xx/5xx answer; some codes add detail (`fields`, `retryAfter`, `claim`). */
export const apiErrorBodySchema = z.object({
  error: z.looseObject({ code: z.enum(API_ERROR_CODES), message: z.string() }),
});

/** A warning beside a successful answer. */
export const apiWarningSchema = z.object({ code: z.enum(WARNING_CODES), message: z.string(), fields: z.array(z.string()).optional() }) satisfies z.ZodType<ApiWarning>;

/** Answer of `POST /v1/projects/:projectId/identify`. */
export const identifyResponseSchema = z.object({
  session: z.string(),
  expiresAt: isoDate,
  user: z.object({ id: z.string(), email: z.string().nullable(), name: z.string().nullable(), plan: z.string().nullable(), monthlyAmount: z.number().int() }),
  warnings: z.array(apiWarningSchema),
}) satisfies z.ZodType<IdentifyResponse>;

/** Answer of `POST /v1/projects/:projectId/sessions`. */
export const anonymousSessionResponseSchema = z.object({ session: z.string(), expiresAt: isoDate }) satisfies z.ZodType<AnonymousSessionResponse>;

/** A request as the widget sees it. */
export const widgetRequestSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  status,
  votes: z.number().int(),
  voted: z.boolean(),
  commentCount: z.number().int().meta({ description: 'Comments the widget shows (team replies included, internal notes never).' }),
  createdAt: isoDate,
}) satisfies z.ZodType<WidgetRequest>;

/** Answer of `GET /v1/projects/:projectId/requests`. */
export const widgetRequestListSchema = z.object({
  requests: z.array(widgetRequestSchema),
  nextOffset: z.number().int().nullable().meta({ description: 'Pass as offset for the next page; null on the last page.' }),
}) satisfies z.ZodType<WidgetRequestList>;

/** Answer of `POST /v1/projects/:projectId/requests`. */
export const createdRequestSchema = z.object({ request: widgetRequestSchema });

/** Answer of `PUT`/`DELETE …/vote`. */
export const voteResponseSchema = z.object({ voted: z.boolean(), votes: z.number().int() }) satisfies z.ZodType<VoteResponse>;

/** A request as the product team sees it. */
export const adminRequestSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  status,
  votes: z.number().int(),
  monthlyRevenue: z.number().int().meta({ description: 'Sum of the current monthlyAmount of the distinct identified voters, in cents.' }),
  commentCount: z.number().int().meta({ description: 'Comments, internal notes included.' }),
  mergedInto: z.string().nullable().meta({ description: 'The request this one was merged into (status merged), or null.' }),
  createdAt: isoDate,
  updatedAt: isoDate,
  author: z.object({ id: z.string(), email: z.string().nullable() }).nullable(),
}) satisfies z.ZodType<AdminRequest>;

/** Answer of `GET /v1/admin/projects/:projectId/requests`. */
export const adminRequestListSchema = z.object({
  requests: z.array(adminRequestSchema),
  nextOffset: z.number().int().nullable().meta({ description: 'Pass as offset for the next page; null on the last page.' }),
});

/** Answer of `PATCH /v1/admin/projects/:projectId/requests/:requestId`. */
export const adminRequestResponseSchema = z.object({ request: adminRequestSchema });

/** An identified voter of a request. */
export const adminVoterSchema = z.object({
  id: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  plan: z.string().nullable(),
  monthlyAmount: z.number().int(),
  votedAt: isoDate,
}) satisfies z.ZodType<AdminVoter>;

/** Answer of `GET /v1/admin/projects/:projectId/requests/:requestId`. */
export const adminRequestDetailSchema = z.object({
  request: adminRequestSchema,
  voters: z.array(adminVoterSchema),
  anonymousVotes: z.number().int(),
}) satisfies z.ZodType<AdminRequestDetail>;

/** Traits after normalisation. */
export const normalizedTraitsSchema = z.object({
  plan: z.string().optional(),
  amount: z.number().int().optional(),
  interval: z.enum(['month', 'year']).optional(),
  custom: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
}) satisfies z.ZodType<NormalizedTraits>;

/** An identified user as the product team sees them. */
export const adminUserSchema = z.object({
  id: z.string().meta({ description: "The token's sub: your own user id." }),
  email: z.string().nullable(),
  name: z.string().nullable(),
  plan: z.string().nullable(),
  traits: normalizedTraitsSchema,
  monthlyAmount: z.number().int(),
  createdAt: isoDate,
  lastSeenAt: isoDate,
}) satisfies z.ZodType<AdminUser>;

/** Answer of `GET /v1/admin/projects/:projectId/users`. */
export const adminUserListSchema = z.object({ users: z.array(adminUserSchema), total: z.number().int() });

/** Answer of `GET /v1/admin/projects/:projectId/users/:userId`. */
export const adminUserResponseSchema = z.object({ user: adminUserSchema });

/** Answer of `POST /v1/admin/projects/:projectId/secrets`. */
export const rotateSecretResponseSchema = z.object({ secret: z.string(), previousValidUntil: isoDate.nullable() }) satisfies z.ZodType<RotateSecretResponse>;

/** Answer of `DELETE /v1/admin/projects/:projectId/secrets/previous`. */
export const endSecretGraceResponseSchema = z.object({ ended: z.boolean() });

/** A project's settings as the admin API shows them. */
export const adminProjectSchema = z.object({
  id: z.string(),
  name: z.string(),
  audience: z.string().meta({ description: 'What identity tokens must carry in aud.' }),
  allowedOrigins: z.array(z.string()),
  extraAudiences: z.array(z.string()),
  leewaySeconds: z.number().int(),
  requireIdentity: z.boolean(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

/** A project's settings as the admin API shows them. */
export type AdminProjectSettings = z.infer<typeof adminProjectSchema>;

/** Answer of `GET`/`PATCH /v1/admin/projects/:projectId`. */
export const adminProjectResponseSchema = z.object({ project: adminProjectSchema });

/** An API key as listed: never the key, only its first characters. */
export const apiKeySchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: isoDate,
  revokedAt: isoDate.nullable(),
});

/** An API key as listed. */
export type ApiKeyInfo = z.infer<typeof apiKeySchema>;

/** Answer of `GET /v1/admin/projects/:projectId/api-keys`. */
export const apiKeyListSchema = z.object({ apiKeys: z.array(apiKeySchema) });

/** Answer of `POST /v1/admin/projects/:projectId/api-keys`: the key itself, shown this once. */
export const createdApiKeySchema = z.object({ apiKey: z.string(), key: apiKeySchema });

/** Answer of `GET /v1/admin/projects/:projectId/identify-failures`. */
export const identifyFailuresSchema = z.object({
  failures: z.array(
    z.object({
      code: z.string(),
      origin: z.string().nullable(),
      at: isoDate,
      expectedAudience: z.string().nullable().meta({ description: 'With audience_mismatch: the audience the project expects.' }),
      receivedAudience: z.string().nullable().meta({ description: 'With audience_mismatch: the aud the token carried.' }),
    }),
  ),
  counts: z.record(z.string(), z.number().int()).meta({ description: 'Refusals per code over the last 24 hours.' }),
});

/** Answer of `GET /healthz`. */
export const healthResponseSchema = z.object({ ok: z.boolean(), store: z.enum(['pglite', 'postgres']) });
