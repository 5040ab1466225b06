/** A failed call to the Reqio API, with the answer's stable `code` (or `network_error`). */
export class ApiError extends Error {
  // `declare`d and assigned in the constructor: class fields would make esbuild emit a
  // helper outside the bundle's IIFE, i.e. a global on the host page.
  declare readonly status: number;
  declare readonly code: string;
  /** Per-field messages of a `validation_failed` answer, e.g. `{ title: 'must be at least 3 characters' }`. */
  declare readonly fields?: Record<string, string>;
  /** Seconds from a 429's `Retry-After`. */
  declare readonly retryAfter?: number;
  /** With `audience_mismatch`: the audience the service expects in the token's `aud`. */
  declare readonly expectedAudience?: string;

  constructor(status: number, code: string, message: string, fields?: Record<string, string>, retryAfter?: number, expectedAudience?: string) {
    super(message);
    Object.assign(this, { status, code, fields, retryAfter, expectedAudience });
  }
}

/** The `code` of an error as the widget reports it in events. */
export function errorCode(error: unknown): string {
  return error instanceof ApiError ? error.code : 'network_error';
}
