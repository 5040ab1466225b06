import { z } from 'zod';
import { currencySchema } from './currency.js';
import { LIMITS } from './limits.js';
import { isSafeText, safeString } from './safe-text.js';

const RESERVED_TRAITS = new Set(['plan', 'amount', 'interval', 'currency']);

/** `traits.plan`: the plan's name, trimmed. */
export const planSchema = safeString()
  .trim()
  .max(LIMITS.maxPlanLength, { error: `must be at most ${LIMITS.maxPlanLength} characters` });

/** `traits.amount`: the recurring charge as billed, in whole cents. */
export const amountSchema = z
  .number({ error: 'must be a number of cents' })
  .int({ error: 'must be an integer number of cents (send 9999, not 99.99)' })
  .min(0, { error: 'must not be negative' })
  .max(LIMITS.maxAmount, { error: `must be at most ${LIMITS.maxAmount} cents` });

/** `traits.interval`: the billing cadence of `amount`. */
export const intervalSchema = z.enum(['month', 'year'], { error: 'must be "month" or "year"' });

/** One custom trait's value. */
export const customTraitSchema = z.union(
  [
    safeString().max(LIMITS.maxCustomTraitLength, {
      error: `must be at most ${LIMITS.maxCustomTraitLength} characters`,
    }),
    z.number().refine(Number.isFinite, { error: 'must be a finite number' }),
    z.boolean(),
  ],
  { error: 'must be a string, a number or a boolean' },
);

/** A custom trait value, after validation. */
export type CustomTraitValue = string | number | boolean;

// JSON `null` (Python's None, PHP's null) means "not set" for every trait: a user with no
// plan is common and must not be an error. An empty interval or currency (Go's zero value) too.
const optional = <T extends z.ZodType>(schema: T, emptyIsAbsent = false) =>
  z.preprocess((value) => (value === null || (emptyIsAbsent && value === '') ? undefined : value), schema.optional());

/**
 * A revenue object as CONTRACT §1 and §6 state it: `plan`, `amount` in minor units,
 * `interval`, `currency`, `extra` fields (a company's `id` and `name`), and up to 20 custom
 * keys holding strings, numbers or booleans.
 */
export function revenueObjectSchema<Extra extends z.ZodRawShape>(extra: Extra) {
  const reserved = new Set([...RESERVED_TRAITS, ...Object.keys(extra)]);
  return z
    .object({
      ...extra,
      plan: optional(planSchema),
      amount: optional(amountSchema),
      interval: optional(intervalSchema, true),
      currency: optional(currencySchema, true),
    })
    .catchall(optional(customTraitSchema))
    .superRefine((traits, context) => {
      const custom = Object.keys(traits).filter((key) => !reserved.has(key));
      for (const key of custom) {
        if (!isSafeText(key)) context.addIssue({ code: 'custom', message: 'a custom trait name must not contain NUL characters or lone UTF-16 surrogates', path: [key] });
      }
      if (custom.length > LIMITS.maxCustomTraits) {
        context.addIssue({
          code: 'custom',
          message: `at most ${LIMITS.maxCustomTraits} custom traits are allowed (received ${custom.length})`,
          path: [],
        });
      }
    });
}

/** The traits object exactly as CONTRACT §1 states it. */
export const traitsSchema = revenueObjectSchema({});

/** Traits as a customer's server sends them. */
export interface Traits {
  plan?: string | null;
  /** Whole cents, as billed for `interval`. */
  amount?: number | null;
  interval?: 'month' | 'year' | '' | null;
  /** ISO 4217 (`"EUR"`); absent means the project's currency. `amount` is in its minor units. */
  currency?: string | null;
  [custom: string]: CustomTraitValue | null | undefined;
}

/** Whether a key names one of the built-in traits rather than a custom one. */
export function isReservedTrait(key: string): boolean {
  return RESERVED_TRAITS.has(key);
}
