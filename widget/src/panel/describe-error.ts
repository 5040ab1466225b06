import type { ApiError } from '../api-error.js';

/** What the person was doing when a call failed. */
export type Action = 'load' | 'vote' | 'post' | 'comment' | 'save' | 'remove';

const FAILED: Record<Action, string> = {
  load: 'load this',
  vote: 'save your vote',
  post: 'post your request',
  comment: 'post your comment',
  save: 'save your changes',
  remove: 'delete it',
};
const SIGN_IN: Record<Action, string> = { load: 'see requests', vote: 'vote', post: 'post a request', comment: 'comment', save: 'edit', remove: 'delete' };

/**
 * A sentence for the end user about a failed call. The error comes from the loader's
 * transport: read by shape, not `instanceof` (the class lives in the other file).
 */
export function describeError(error: unknown, action: Action): string {
  const { code, status, retryAfter } = (error ?? {}) as Partial<ApiError>;
  if (code === 'identity_required') return `Sign in to ${SIGN_IN[action]}.`;
  if (code === 'rate_limited') return `Too many attempts. Try again in ${retryAfter ? `${retryAfter} s` : 'a moment'}.`;
  if (code === 'network_error') return 'Can’t reach the feedback service. Check your connection.';
  if (status === 403) return 'Only its author can do that.';
  if (status === 404) return 'This request no longer exists.';
  if (status === 409) return 'This request can no longer be changed.';
  return `Couldn’t ${FAILED[action]}. Please try again.`;
}
