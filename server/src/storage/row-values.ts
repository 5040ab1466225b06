/** An ISO 8601 string from a timestamptz column (a Date from both drivers). */
export const toIso = (value: unknown): string => (value instanceof Date ? value : new Date(String(value))).toISOString();

/** A number from an integer or bigint column (PGlite gives numbers, `pg` is told to). */
export const toNumber = (value: unknown): number => (typeof value === 'number' ? value : Number(value));
