import { ReqioApiError } from './reqio-api-error.js';
import { ReqioNotFoundError } from './reqio-not-found-error.js';
import { ReqioRateLimitedError } from './reqio-rate-limited-error.js';
import { ReqioUnauthorizedError } from './reqio-unauthorized-error.js';
import { ReqioValidationError } from './reqio-validation-error.js';
import { parseRetryAfter } from './parse-retry-after.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The error class for a failed answer, from its `{ error: { code, message, ... } }` body. */
export function toClientError(response: Response, body: unknown): ReqioApiError {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const status = response.status;
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  if (error === undefined || typeof error.code !== 'string' || typeof error.message !== 'string') {
    return new ReqioApiError('unexpected_response', `The API answered HTTP ${status} without a Reqio error body.`, { status, requestId });
  }
  const { code, message, ...detail } = error;
  switch (code) {
    case 'not_found':
    case 'project_not_found':
      return new ReqioNotFoundError(code, message, { status, detail, requestId });
    case 'unauthorized':
      return new ReqioUnauthorizedError(code, message, { status, detail, requestId });
    case 'validation_failed':
      return new ReqioValidationError(message, { status, fields: isRecord(detail.fields) ? (detail.fields as Record<string, string>) : {}, detail, requestId });
    case 'rate_limited': {
      const fromHeader = parseRetryAfter(response.headers.get('retry-after'));
      const retryAfter = typeof detail.retryAfter === 'number' ? detail.retryAfter : fromHeader === undefined ? 1 : Math.ceil(fromHeader / 1000);
      return new ReqioRateLimitedError(message, { status, retryAfter, detail, requestId });
    }
    default:
      return new ReqioApiError(code as ReqioApiError['code'], message, { status, detail, requestId });
  }
}
