import { LIMITS } from './limits.js';

/** A billing cadence from CONTRACT §1. */
export type BillingInterval = 'month' | 'year';

/** Whether `amount` is a valid `traits.amount`: whole cents from 0 to 100,000,000,000. */
export function isValidAmount(amount: unknown): amount is number {
  return Number.isSafeInteger(amount) && (amount as number) >= 0 && (amount as number) <= LIMITS.maxAmount;
}

/**
 * The monthly value of a recurring charge, in whole cents: annual amounts are divided by
 * 12 and rounded to the nearest cent, halves up. Total: anything that is not a valid
 * amount and interval weighs 0, so a bad trait can never add revenue.
 *
 * @example toMonthlyAmount(12000, 'year') // 1000
 * @example toMonthlyAmount(4900) // 4900 (no interval means monthly)
 */
export function toMonthlyAmount(amount: unknown, interval?: unknown): number {
  if (!isValidAmount(amount)) return 0;
  if (interval === undefined || interval === null || interval === 'month') return amount;
  if (interval === 'year') return Math.round(amount / 12);
  return 0;
}
