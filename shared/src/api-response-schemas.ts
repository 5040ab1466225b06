import { z } from 'zod';
import { REQUEST_STATUSES } from './api-schemas.js';
import type {
  AdminAccount,
  AdminAccountDetail,
  AdminAccountList,
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
  company: z
    .object({ id: z.string(), name: z.string().nullable(), plan: z.string().nullable(), monthlyAmount: z.number().int() })
    .nullable()
    .meta({ description: "The company the user's votes count for, its monthlyAmount in the project's currency; null for an account of one." }),
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
  accounts: z.number().int().meta({ description: 'Distinct identified accounts (companies, or users alone) among the voters.' }),
  monthlyRevenue: z
    .number()
    .int()
    .meta({ description: "Sum of the current monthlyAmount of the distinct accounts of the identified voters, in the project's currency (minor units)." }),
  commentCount: z.number().int().meta({ description: 'Comments, internal notes included.' }),
  mergedInto: z.string().nullable().meta({ description: 'The request this one was merged into (status merged), or null.' }),
  createdAt: isoDate,
  updatedAt: isoDate,
  author: z.object({ id: z.string(), email: z.string().nullable() }).nullable(),
  segment: z
    .object({ accounts: z.number().int(), monthlyRevenue: z.number().int() })
    .optional()
    .meta({ description: 'With a segment filter (plan, minMonthlyAmount): the accounts of that segment behind the request and their monthly revenue.' }),
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

/** A paying account: a company, or a user alone (CONTRACT §6). */
export const adminAccountSchema = z.object({
  id: z.string(),
  kind: z.enum(['company', 'user']),
  externalId: z.string().meta({ description: "The company's id in your system, or the user's sub." }),
  name: z.string().nullable(),
  plan: z.string().nullable(),
  amount: z.number().int().nullable().meta({ description: 'As billed, in the minor units of currency.' }),
  interval: z.enum(['month', 'year']).nullable(),
  currency: z.string().nullable().meta({ description: "ISO 4217; null: the project's currency." }),
  monthlyAmount: z.number().int().meta({ description: "Monthly, in the project's currency (minor units): what it weighs on each request." }),
  users: z.number().int(),
  votes: z.number().int(),
}) satisfies z.ZodType<AdminAccount>;

/** Answer of `GET /v1/admin/projects/:projectId/requests/:requestId`. */
export const adminRequestDetailSchema = z.object({
  request: adminRequestSchema,
  voters: z.array(adminVoterSchema),
  accounts: z
    .array(z.object({ account: adminAccountSchema, users: z.array(adminVoterSchema) }))
    .meta({ description: 'The identified voters grouped by account, highest paying account first.' }),
  anonymousVotes: z.number().int(),
}) satisfies z.ZodType<AdminRequestDetail>;

/** Answer of `GET /v1/admin/projects/:projectId/accounts`. */
export const adminAccountListSchema = z.object({
  accounts: z.array(adminAccountSchema),
  nextOffset: z.number().int().nullable().meta({ description: 'Pass as offset for the next page; null on the last page.' }),
}) satisfies z.ZodType<AdminAccountList>;

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

/** Answer of `GET /v1/admin/projects/:projectId/accounts/:accountId`. */
export const adminAccountDetailSchema = z.object({
  account: adminAccountSchema,
  users: z.array(adminUserSchema),
  requests: z.array(z.object({ id: z.string(), title: z.string(), status })).meta({ description: 'The requests its users voted for, highest revenue first.' }),
}) satisfies z.ZodType<AdminAccountDetail>;

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
  currency: z.string().meta({ description: 'ISO 4217: what monthly amounts and revenue are counted in.' }),
  exchangeRates: z.record(z.string(), z.number()).meta({ description: 'Units of currency per one unit of each listed currency.' }),
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
