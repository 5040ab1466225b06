import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../../errors/api-error.js';
import { IdentityTokenError } from '../../identity/identity-token-error.js';

function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof IdentityTokenError) {
    return new ApiError(error.code, 401, error.message, {
      ...(error.claim !== undefined && { claim: error.claim }),
      // The widget warns with it in the developer's console (CONTRACT §5's audience trap).
      ...(error.expectedAudience !== undefined && { expectedAudience: error.expectedAudience }),
    });
  }
  return toBodyReadError(error);
}

/**
 * The one mapping of the body parser's failures (express.json): bad JSON, too large, an
 * unsupported encoding, and a body that cannot be decoded (a `content-encoding: gzip` body
 * that is not gzip, a length that does not match) — each a 4xx with a code, never a 500.
 */
function toBodyReadError(error: unknown): ApiError | undefined {
  const { type, status, expose } = (error ?? {}) as { type?: string; status?: number; expose?: boolean };
  if (type === 'entity.parse.failed') return new ApiError('malformed_json', 400, 'The request body is not valid JSON.');
  if (type === 'entity.too.large') return new ApiError('payload_too_large', 413, 'The request body is too large.');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return new ApiError('validation_failed', 415, 'Send the body as UTF-8 JSON.');
  // http-errors marks client errors `expose`; the body parser wraps zlib's and raw-body's in a 400.
  if (expose === true && status === 400) return new ApiError('malformed_json', 400, 'The request body could not be read: check that its Content-Encoding and Content-Length match it.');
  return undefined;
}

/**
 * The one place that shapes failures: `{ error: { code, message, ...detail } }`. Unknown
 * errors become a plain 500 while the log keeps the detail.
 */
export function errorHandler() {
  return function handleError(error: unknown, request: Request, response: Response, next: NextFunction): void {
    if (response.headersSent) {
      next(error);
      return;
    }
    const known = toApiError(error);
    if (known === undefined) request.log?.error({ err: error }, 'unhandled error');
    const apiError = known ?? new ApiError('internal_error', 500, 'Something went wrong on our side; it has been logged.');
    if (apiError.code === 'rate_limited') response.set('Retry-After', String(apiError.detail.retryAfter));
    response.status(apiError.status).json({ error: { code: apiError.code, message: apiError.message, ...apiError.detail } });
  };
}
