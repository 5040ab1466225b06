import { ApiError } from './api-error.js';

const FAILED = { load: 'Couldn’t load requests.', vote: 'Couldn’t save your vote.', post: 'Couldn’t post your request.' };
const SIGN_IN = { load: 'Sign in to see requests.', vote: 'Sign in to vote.', post: 'Sign in to post a request.' };

/** A sentence for the end user about a failed call; `action` says what they were doing. */
export function describeError(error: unknown, action: 'load' | 'vote' | 'post'): string {
  const { code, retryAfter } = error instanceof ApiError ? error : ({} as Partial<ApiError>);
  if (code === 'identity_required') return SIGN_IN[action];
  if (code === 'rate_limited') return `Too many attempts. Try again in ${retryAfter ? `${retryAfter} s` : 'a moment'}.`;
  if (code === 'network_error') return 'Can’t reach the feedback service. Check your connection.';
  return `${FAILED[action]} Please try again.`;
}
