import type { ApiErrorCode } from '@reqio/shared';

/** A failure the API reports as `{ error: { code, message, ...detail } }` with `status`. */
export class ApiError extends Error {
  override readonly name: string = 'ApiError';
  readonly code: ApiErrorCode;
  readonly status: number;
  /** Extra fields for the error body (`fields`, `retryAfter`, …). */
  readonly detail: Record<string, unknown>;

  constructor(code: ApiErrorCode, status: number, message: string, detail: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.status = status;
    this.detail = detail;
  }
}
