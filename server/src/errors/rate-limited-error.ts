import { ApiError } from './api-error.js';

/** HTTP 429 `rate_limited`; the handler sets `Retry-After` from `retryAfter` seconds. */
export class RateLimitedError extends ApiError {
  override readonly name = 'RateLimitedError';
  readonly retryAfter: number;
  constructor(retryAfter: number) {
    super('rate_limited', 429, `Too many requests; retry in ${retryAfter} s.`, { retryAfter });
    this.retryAfter = retryAfter;
  }
}
