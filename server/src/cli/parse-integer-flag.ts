import { CliUsageError } from './cli-usage-error.js';

/** Parses a flag that must be a whole number, leaving range checks to the code that owns them. */
export function parseIntegerFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim())) throw new CliUsageError(`--${name} must be a whole number (received "${value}")`);
  return Number(value);
}
