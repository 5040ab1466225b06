import { z } from 'zod';
import { LIMITS } from './limits.js';

/** The currency a project counts in when it names none (CONTRACT §6). */
export const DEFAULT_CURRENCY = 'USD';

let knownCurrencies: ReadonlySet<string> | undefined;

/** Whether `code` is an ISO 4217 currency code the runtime's Intl knows (upper case). */
export function isCurrencyCode(code: string): boolean {
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  return knownCurrencies.has(code);
}

/** An ISO 4217 code, case-insensitive on the way in (`"eur"` → `"EUR"`). */
export const currencySchema = z
  .string({ error: 'must be an ISO 4217 currency code such as "EUR"' })
  .trim()
  .transform((value) => value.toUpperCase())
  .refine((value) => /^[A-Z]{3}$/.test(value) && isCurrencyCode(value), { error: 'must be an ISO 4217 currency code such as "EUR"' });

const minorDigitsCache = new Map<string, number>();

/**
 * How many minor digits an ISO 4217 currency has (USD 2, JPY 0, KWD 3), from Intl's
 * currency data rather than a table written by hand.
 */
export function currencyMinorDigits(currency: string): number {
  let digits = minorDigitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    minorDigitsCache.set(currency, digits);
  }
  return digits;
}

/** A project's money settings: the currency revenue is counted in and the rates into it. */
export interface ProjectMoney {
  /** ISO 4217, upper case. */
  currency: string;
  /** Units of `currency` per one unit of each key's currency. */
  exchangeRates: Readonly<Record<string, number>>;
}

/** A rate: a positive, finite number of base units per one unit of the other currency. */
export const exchangeRateSchema = z
  .number({ error: 'must be a number' })
  .refine((value) => Number.isFinite(value) && value > 0 && value <= LIMITS.maxExchangeRate, {
    error: `must be a positive number up to ${LIMITS.maxExchangeRate}`,
  });

/** `exchangeRates`: ISO 4217 code → rate, codes upper-cased. */
export const exchangeRatesSchema = z
  .record(z.string(), exchangeRateSchema, { error: 'must be an object of currency codes to rates' })
  .transform((rates, context) => {
    const normalized: Record<string, number> = {};
    for (const [key, rate] of Object.entries(rates)) {
      const code = currencySchema.safeParse(key);
      if (!code.success) {
        context.addIssue({ code: 'custom', message: `"${key.slice(0, 20)}" is not an ISO 4217 currency code`, path: [key] });
        return z.NEVER;
      }
      normalized[code.data] = rate;
    }
    if (Object.keys(normalized).length > LIMITS.maxExchangeRates) {
      context.addIssue({ code: 'custom', message: `at most ${LIMITS.maxExchangeRates} rates` });
      return z.NEVER;
    }
    return normalized;
  });

/** `rate` as an exact decimal: `mantissa × 10^exponent`, read from its shortest spelling. */
function toDecimal(rate: number): { mantissa: bigint; exponent: number } {
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(rate));
  if (match === null) throw new TypeError(`convertToProjectCurrency: ${rate} is not a positive rate`);
  const fraction = match[2] ?? '';
  return { mantissa: BigInt(match[1]! + fraction), exponent: Number(match[3] ?? 0) - fraction.length };
}

/**
 * Converts a monthly amount in `currency`'s minor units into the project's currency (CONTRACT
 * §6): `round(minor / 10^d(currency) × rate × 10^d(base))`, halves up, computed exactly (no
 * binary floating point). `currency` undefined means the project's own. With no rate for the
 * currency the amount weighs 0 and `known` is false (the `currency_unknown` warning).
 * Results are capped at the largest trait amount.
 *
 * @example convertToProjectCurrency(4900, 'EUR', { currency: 'USD', exchangeRates: { EUR: 1.08 } }) // { amount: 5292, known: true }
 */
export function convertToProjectCurrency(minor: number, currency: string | null | undefined, money: ProjectMoney): { amount: number; known: boolean } {
  if (currency === undefined || currency === null || currency === money.currency) return { amount: minor, known: true };
  const rate = money.exchangeRates[currency];
  if (rate === undefined) return { amount: 0, known: false };
  if (minor === 0) return { amount: 0, known: true };
  const { mantissa, exponent } = toDecimal(rate);
  const shift = exponent + currencyMinorDigits(money.currency) - currencyMinorDigits(currency);
  const product = BigInt(minor) * mantissa;
  let amount: bigint;
  if (shift >= 0) {
    amount = product * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    amount = product / divisor + (2n * (product % divisor) >= divisor ? 1n : 0n);
  }
  const cap = BigInt(LIMITS.maxAmount);
  return { amount: Number(amount > cap ? cap : amount), known: true };
}
