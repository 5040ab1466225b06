import { ApiError } from './api-error.js';

/** HTTP 409 `request_merged`: the request was merged into another, which takes its votes and comments. */
export class RequestMergedError extends ApiError {
  override readonly name = 'RequestMergedError';
  constructor(message: string, mergedInto: string | null) {
    super('request_merged', 409, message, { mergedInto });
  }
}
