import type { z } from 'zod';
import { currencySchema } from './currency.js';
import { nameSchema, subjectSchema } from './identity-claims-schema.js';
import { LIMITS } from './limits.js';
import { isSafeText } from './safe-text.js';
import { toMonthlyAmount, type BillingInterval } from './to-monthly-amount.js';
import {
  amountSchema,
  customTraitSchema,
  intervalSchema,
  isReservedTrait,
  planSchema,
  type CustomTraitValue,
} from './traits-schema.js';

/** Traits after normalisation: only valid values, `interval` filled in when `amount` is set. */
export interface NormalizedTraits {
  plan?: string;
  amount?: number;
  interval?: BillingInterval;
  /** ISO 4217, upper case; absent means the project's currency. */
  currency?: string;
  custom: Record<string, CustomTraitValue>;
}

/** A `company` claim after normalisation (CONTRACT §6): its id, name and revenue fields. */
export interface NormalizedCompany extends NormalizedTraits {
  /** The company's id in your system, always a string (an integer id becomes its exact digits). */
  id: string;
  name?: string;
}

/** A trait that was dropped, with the reason. */
export interface DroppedTrait {
  /** `traits`, `traits.amount`, `company.currency`, … */
  field: string;
  reason: string;
}

/** What {@link normalizeTraits} makes of a token's `traits` claim. */
export interface NormalizedTraitsResult {
  traits: NormalizedTraits;
  /** Whole minor units of `traits.currency` per month; 0 when there is no amount or when any trait was invalid. */
  monthlyAmount: number;
  /** Empty when every trait was valid; otherwise the `traits_invalid` warning's detail. */
  dropped: DroppedTrait[];
}

/** What {@link normalizeCompany} makes of a token's `company` claim. */
export interface NormalizedCompanyResult {
  /** Undefined when the claim is absent, or dropped as a whole (not an object, no valid id). */
  company: NormalizedCompany | undefined;
  /** Whether every field was valid: a company with dropped fields weighs 0 until a good token arrives. */
  valid: boolean;
  dropped: DroppedTrait[];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Go's zero value: an empty interval or currency means "not set" (CONTRACT §1).
const isUnset = (value: unknown, emptyIsUnset: boolean) => value === undefined || value === null || (emptyIsUnset && value === '');

/** Reads the revenue fields and custom keys of `raw` into `into`, listing what it drops under `prefix`. */
function readRevenueFields<T extends NormalizedTraits>(raw: Record<string, unknown>, prefix: string, into: T, skip: ReadonlySet<string>, dropped: DroppedTrait[]): T {
  const check = <V>(field: string, value: unknown, schema: z.ZodType<V>, emptyIsUnset = false): V | undefined => {
    if (isUnset(value, emptyIsUnset)) return undefined;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    dropped.push({ field: `${prefix}.${field}`, reason: result.error.issues[0]?.message ?? 'is invalid' });
    return undefined;
  };

  const plan = check('plan', raw.plan, planSchema);
  const amount = check('amount', raw.amount, amountSchema);
  const interval = check('interval', raw.interval, intervalSchema, true);
  const currency = check('currency', raw.currency, currencySchema, true);
  const custom: Record<string, CustomTraitValue> = {};
  const normalized: T = {
    ...into,
    ...(plan !== undefined && plan !== '' && { plan }),
    ...(amount !== undefined && { amount }),
    ...(interval !== undefined && { interval }),
    // An amount with no interval is monthly (CONTRACT §1); a bad interval is not guessed at.
    ...(amount !== undefined && interval === undefined && isUnset(raw.interval, true) && { interval: 'month' as const }),
    ...(currency !== undefined && { currency }),
    custom,
  };

  let customCount = 0;
  for (const [key, value] of Object.entries(raw)) {
    if (isReservedTrait(key) || skip.has(key) || value === undefined || value === null) continue;
    if (!isSafeText(key)) {
      dropped.push({ field: prefix, reason: 'a custom trait name holds a NUL character or a lone UTF-16 surrogate' });
      continue;
    }
    const valid = check(key, value, customTraitSchema);
    if (valid === undefined) continue;
    if (customCount === LIMITS.maxCustomTraits) {
      dropped.push({ field: `${prefix}.${key}`, reason: `more than ${LIMITS.maxCustomTraits} custom traits` });
      continue;
    }
    custom[key] = valid;
    customCount += 1;
  }
  return normalized;
}

const NO_SKIP: ReadonlySet<string> = new Set();
const COMPANY_KEYS: ReadonlySet<string> = new Set(['id', 'name']);

/**
 * Normalises a token's `traits` claim (CONTRACT §1). Never throws: invalid traits are
 * dropped and listed in `dropped`, and while any are, the user's revenue weight is 0 so a
 * broken integration cannot inflate the ranking. The monthly amount is in the minor units
 * of `traits.currency` (converting it is the project's business: `convertToProjectCurrency`).
 *
 * @example normalizeTraits({ plan: 'pro', amount: 120000, interval: 'year' }).monthlyAmount // 10000
 */
export function normalizeTraits(raw: unknown): NormalizedTraitsResult {
  const dropped: DroppedTrait[] = [];
  if (raw === undefined || raw === null) return { traits: { custom: {} }, monthlyAmount: 0, dropped };
  if (!isPlainObject(raw)) {
    dropped.push({ field: 'traits', reason: 'must be an object' });
    return { traits: { custom: {} }, monthlyAmount: 0, dropped };
  }
  const traits = readRevenueFields<NormalizedTraits>(raw, 'traits', { custom: {} }, NO_SKIP, dropped);
  const monthlyAmount = dropped.length > 0 ? 0 : toMonthlyAmount(traits.amount, traits.interval);
  return { traits, monthlyAmount, dropped };
}

/**
 * Normalises a token's `company` claim (CONTRACT §6) the same way: an `id` (string, or an
 * integer already read as its exact digits), an optional `name`, the revenue fields and custom
 * keys. A claim that is not an object or has no valid id is dropped as a whole.
 *
 * @example normalizeCompany({ id: 42, name: 'Acme', amount: 200000 }).company // { id: '42', name: 'Acme', amount: 200000, interval: 'month', custom: {} }
 */
export function normalizeCompany(raw: unknown): NormalizedCompanyResult {
  const dropped: DroppedTrait[] = [];
  if (raw === undefined || raw === null) return { company: undefined, valid: true, dropped };
  if (!isPlainObject(raw)) {
    dropped.push({ field: 'company', reason: 'must be an object with an id' });
    return { company: undefined, valid: false, dropped };
  }
  const id = subjectSchema.safeParse(raw.id);
  if (!id.success) {
    dropped.push({ field: 'company.id', reason: raw.id === undefined || raw.id === null ? 'is required' : (id.error.issues[0]?.message ?? 'is invalid') });
    return { company: undefined, valid: false, dropped };
  }
  const name = isUnset(raw.name, false) ? undefined : nameSchema.safeParse(raw.name);
  if (name !== undefined && !name.success) dropped.push({ field: 'company.name', reason: name.error.issues[0]?.message ?? 'is invalid' });
  const company = readRevenueFields<NormalizedCompany>(
    raw,
    'company',
    { id: id.data, ...(name?.success && name.data !== '' && { name: name.data }), custom: {} },
    COMPANY_KEYS,
    dropped,
  );
  return { company, valid: dropped.length === 0, dropped };
}
