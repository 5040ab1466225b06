import type { z } from 'zod';
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
  custom: Record<string, CustomTraitValue>;
}

/** A trait that was dropped, with the reason. */
export interface DroppedTrait {
  /** `traits`, `traits.amount`, `traits.seats`, … */
  field: string;
  reason: string;
}

/** What {@link normalizeTraits} makes of a token's `traits` claim. */
export interface NormalizedTraitsResult {
  traits: NormalizedTraits;
  /** Whole cents per month; 0 when there is no amount or when any trait was invalid. */
  monthlyAmount: number;
  /** Empty when every trait was valid; otherwise the `traits_invalid` warning's detail. */
  dropped: DroppedTrait[];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Normalises a token's `traits` claim (CONTRACT §1). Never throws: invalid traits are
 * dropped and listed in `dropped`, and while any are, the user's revenue weight is 0 so a
 * broken integration cannot inflate the ranking.
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

  const check = <T>(field: string, value: unknown, schema: z.ZodType<T>): T | undefined => {
    if (value === undefined || value === null) return undefined;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    dropped.push({ field: `traits.${field}`, reason: result.error.issues[0]?.message ?? 'is invalid' });
    return undefined;
  };

  const traits: NormalizedTraits = { custom: {} };
  const plan = check('plan', raw.plan, planSchema);
  const amount = check('amount', raw.amount, amountSchema);
  const interval = check('interval', raw.interval, intervalSchema);
  const ordered: NormalizedTraits = {
    ...(plan !== undefined && plan !== '' && { plan }),
    ...(amount !== undefined && { amount }),
    ...(interval !== undefined && { interval }),
    // An amount with no interval is monthly (CONTRACT §1); a bad interval is not guessed at.
    ...(amount !== undefined && interval === undefined && (raw.interval ?? null) === null && { interval: 'month' as const }),
    custom: traits.custom,
  };

  let customCount = 0;
  for (const [key, value] of Object.entries(raw)) {
    if (isReservedTrait(key) || value === undefined || value === null) continue;
    if (!isSafeText(key)) {
      dropped.push({ field: 'traits', reason: 'a custom trait name holds a NUL character or a lone UTF-16 surrogate' });
      continue;
    }
    const valid = check(key, value, customTraitSchema);
    if (valid === undefined) continue;
    if (customCount === LIMITS.maxCustomTraits) {
      dropped.push({ field: `traits.${key}`, reason: `more than ${LIMITS.maxCustomTraits} custom traits` });
      continue;
    }
    traits.custom[key] = valid;
    customCount += 1;
  }

  const monthlyAmount = dropped.length > 0 ? 0 : toMonthlyAmount(ordered.amount, ordered.interval);
  return { traits: ordered, monthlyAmount, dropped };
}
