import { ReqioApiError } from './reqio-api-error.js';

/** HTTP 429 `rate_limited`, once the client's own retries are used up or the wait would be too long: retry after `retryAfter` seconds. */
export class ReqioRateLimitedError extends ReqioApiError {
  override readonly name = 'ReqioRateLimitedError';
  /** Seconds to wait before calling again. */
  readonly retryAfter: number;

  constructor(message: string, options: { status: number; retryAfter: number; detail?: Record<string, unknown>; requestId?: string | undefined }) {
    super('rate_limited', message, options);
    this.retryAfter = options.retryAfter;
  }
}
