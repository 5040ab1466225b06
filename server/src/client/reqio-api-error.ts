import type { ApiErrorCode } from '@reqio/shared';

/** Every `code` a client error can carry: the API's own codes, and the client's for answers that never came or made no sense. */
export type ReqioClientErrorCode = ApiErrorCode | 'network_error' | 'timeout' | 'unexpected_response';

/**
 * A failed admin API call: `code` is stable (the API's `error.code`, or `network_error`,
 * `timeout`, `unexpected_response`), `status` the HTTP status when an answer came. The
 * subclasses carry what their failures add: `fields`, `retryAfter`.
 */
export class ReqioApiError extends Error {
  override readonly name: string = 'ReqioApiError';
  readonly code: ReqioClientErrorCode;
  /** The HTTP status, or undefined when no answer came. */
  readonly status: number | undefined;
  /** The error body's other fields, as the API sent them. */
  readonly detail: Readonly<Record<string, unknown>>;
  /** The `x-request-id` of the call, to find it in the service's logs. */
  readonly requestId: string | undefined;

  constructor(code: ReqioClientErrorCode, message: string, options: { status?: number | undefined; detail?: Record<string, unknown>; requestId?: string | undefined; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.detail = options.detail ?? {};
    this.requestId = options.requestId;
  }
}
