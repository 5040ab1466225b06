import { isInteger, isSafeNumber, parse } from 'lossless-json';

/** An integer too large for a double, kept as its digits until we know where it sits. */
class BigIntegerText {
  constructor(readonly digits: string) {}
}

const parseNumber = (text: string): number | BigIntegerText => (isInteger(text) && !isSafeNumber(text) ? new BigIntegerText(text) : Number(text));

// Anywhere else a big integer means what JSON.parse would make of it.
function toPlainNumbers(value: unknown): unknown {
  if (value instanceof BigIntegerText) return Number(value.digits);
  if (Array.isArray(value)) return value.map(toPlainNumbers);
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) (value as Record<string, unknown>)[key] = toPlainNumbers(item);
  }
  return value;
}

/**
 * Parses a token's payload like `JSON.parse`, except that an integer `sub` or `company.id`
 * beyond 2^53 (a PHP_INT_MAX, a Go int64, a snowflake id) becomes its exact decimal string:
 * `JSON.parse` would round it to another user's id (CONTRACT §1). Throws on invalid JSON
 * and on duplicate keys.
 */
export function parsePayloadJson(text: string): unknown {
  const value = parse(text, null, parseNumber);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return toPlainNumbers(value);
  const payload = value as Record<string, unknown>;
  if (payload.sub instanceof BigIntegerText) payload.sub = payload.sub.digits;
  const company = payload.company;
  if (typeof company === 'object' && company !== null && (company as Record<string, unknown>).id instanceof BigIntegerText) {
    (company as Record<string, unknown>).id = ((company as Record<string, unknown>).id as BigIntegerText).digits;
  }
  return toPlainNumbers(payload);
}
