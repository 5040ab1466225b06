import { formatIssue, issuePath } from '@reqio/shared';
import type { z } from 'zod';
import { ApiError } from './api-error.js';

/** HTTP 400 `validation_failed`, with `fields` mapping each bad field to what is wrong. */
export class ValidationError extends ApiError {
  override readonly name = 'ValidationError';
  constructor(message: string, fields: Record<string, string>) {
    super('validation_failed', 400, message, { fields });
  }

  /** From a zod error on the request's `body` or `query`. */
  static fromZod(error: z.ZodError, where: 'body' | 'query' | 'params'): ValidationError {
    const fields: Record<string, string> = {};
    for (const issue of error.issues) {
      const field = issuePath('', issue) || where;
      fields[field] ??= issue.message;
    }
    return new ValidationError(formatIssue(where, error.issues[0]!), fields);
  }
}
