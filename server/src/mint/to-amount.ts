/**
 * An amount of cents as your database hands it back, made the integer the token needs:
 * node-postgres returns BIGINT and NUMERIC columns as strings (`"4900"`), some drivers as
 * `bigint`. Whole cents convert exactly; `null`/`undefined` stay "no amount" (`null`);
 * anything else (`"49.99"`, `"4,900"`, `-5`, a number past 2^53) throws a `TypeError`, so
 * inside `getUser` it means no token for that user and one report, never a wrong weight.
 *
 * @example
 * traits: { plan: row.plan, amount: toAmount(row.amount_cents), interval: row.billing_interval }
 */
export function toAmount(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const amount = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : typeof value === 'bigint' && value >= 0n ? Number(value) : value;
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0) {
    const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value === 'number' || typeof value === 'bigint' ? String(value) : `a ${typeof value}`;
    throw new TypeError(`toAmount: ${shown} is not a whole number of cents (send 4900 or "4900" for $49.00, not 49.99)`);
  }
  return amount;
}
