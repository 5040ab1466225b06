import { z } from 'zod';
import { LIMITS } from './limits.js';
import { safeString } from './safe-text.js';
import { revenueObjectSchema, traitsSchema } from './traits-schema.js';

const nullAsAbsent = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === null ? undefined : value), schema.optional());

/**
 * `sub`: a string of 1–255 characters. A JSON integer is accepted and becomes its decimal
 * string, because PHP and Python snippets often send `user.id` uncast (an integer beyond
 * 2^53 reaches the schema already as its exact digits: the verifier reads them from the
 * payload text).
 */
export const subjectSchema = z
  .union(
    [
      safeString().min(1, { error: 'must not be empty' }).max(LIMITS.maxSubLength, {
        error: `must be at most ${LIMITS.maxSubLength} characters`,
      }),
      z.number().int({ error: 'must be a string or an integer' }).transform(String),
    ],
    { error: 'must be a string or an integer' },
  )
  .pipe(z.string());

/** `email`: at most 254 characters, shaped like `local@domain` (`root@localhost` is an address). */
export const emailSchema = safeString()
  .max(LIMITS.maxEmailLength, { error: `must be at most ${LIMITS.maxEmailLength} characters` })
  .regex(/^[^\s@]+@[^\s@]+$/, { error: 'must be an email address' });

/** `name`: the user's display name. */
export const nameSchema = safeString()
  .max(LIMITS.maxNameLength, { error: `must be at most ${LIMITS.maxNameLength} characters` });

const numericDate = z.number({ error: 'must be a NumericDate (seconds since the epoch)' }).refine(Number.isFinite, {
  error: 'must be a finite NumericDate',
});

/**
 * The claims of a received identity token. Traits, company and email are left raw here: a
 * token with bad ones still identifies the user, so they are normalised separately
 * (`normalizeTraits`, `normalizeCompany`, `emailSchema`) and dropped with a warning.
 * Unknown claims (`iss`, `jti`, …) are kept and ignored.
 */
export const identityClaimsSchema = z.looseObject({
  sub: subjectSchema,
  aud: z.union([z.string(), z.array(z.string()).min(1)], { error: 'must be a string or an array of strings' }),
  iat: numericDate,
  exp: numericDate,
  nbf: numericDate.optional(),
  email: z.unknown().optional(),
  name: nullAsAbsent(nameSchema),
  traits: z.unknown().optional(),
  company: z.unknown().optional(),
});

/** The claims of a verified identity token, `sub` always a string. */
export type IdentityClaims = z.output<typeof identityClaimsSchema>;

/** The `company` claim as CONTRACT §6 states it: `id`, `name`, the revenue fields and custom keys. */
export const companySchema = revenueObjectSchema({ id: subjectSchema, name: nullAsAbsent(nameSchema) });

/** What a customer's server passes to `mintIdentityToken`: checked strictly, traits and company included. */
export const mintClaimsSchema = z.strictObject(
  {
    sub: subjectSchema,
    email: nullAsAbsent(emailSchema),
    name: nullAsAbsent(nameSchema),
    traits: nullAsAbsent(traitsSchema),
    company: nullAsAbsent(companySchema),
  },
  { error: 'must be an object' },
);

/** The claims `mintIdentityToken` accepts. */
export type MintClaimsInput = z.input<typeof mintClaimsSchema>;
