import { LIMITS, SNIPPET_STACKS, memberEmailSchema as ownerEmailSchema, newPasswordSchema, passwordSchema } from '@reqio/shared';
import { z } from 'zod';

export { MIN_PASSWORD_LENGTH } from '@reqio/shared';

/** Body of `POST /dashboard/api/setup/check`. */
export const setupCheckBodySchema = z.object({ token: z.string({ error: 'is required' }).min(1).max(200) });

/** Body of `POST /dashboard/api/setup`: the first owner's account. */
export const setupBodySchema = setupCheckBodySchema.extend({ email: ownerEmailSchema, password: newPasswordSchema });

/** Body of `POST /dashboard/api/login`. */
export const loginBodySchema = z.object({ email: ownerEmailSchema, password: passwordSchema });

/** Body of `POST /dashboard/api/projects/:projectId/secret/reveal`: the password, entered again. */
export const revealSecretBodySchema = z.object({ password: passwordSchema });

/** Body of `POST /dashboard/api/projects/:projectId/debug-token`: long enough that an oversized token gets its diagnosis. */
export const debugTokenBodySchema = z.object({ token: z.string({ error: 'is required' }).max(LIMITS.maxTokenLength * 4, { error: 'is far too long' }) });

/** `:stack` of `GET /dashboard/api/projects/:projectId/snippets/:stack`. */
export const stackParamsSchema = z.object({ stack: z.enum(SNIPPET_STACKS, { error: `must be one of ${SNIPPET_STACKS.join(', ')}` }) });
