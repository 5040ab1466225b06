import type { z } from 'zod';
import { ValidationError } from '../errors/validation-error.js';

/** Parses a request's body, query or params with a shared schema, or throws 400 `validation_failed`. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params'): z.output<S> {
  const parsed = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, where);
  return parsed.data;
}
