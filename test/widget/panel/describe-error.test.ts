import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../widget/src/api-error.js';
import { describeError } from '../../../widget/src/panel/describe-error.js';

describe('describeError', () => {
  it('asks the visitor to sign in on identity_required, for what they tried', () => {
    const error = new ApiError(403, 'identity_required', 'sign in');
    expect(describeError(error, 'vote')).toBe('Sign in to vote.');
    expect(describeError(error, 'post')).toBe('Sign in to post a request.');
    expect(describeError(error, 'load')).toBe('Sign in to see requests.');
  });

  it('says when to retry after rate_limited', () => {
    expect(describeError(new ApiError(429, 'rate_limited', '', undefined, 30), 'vote')).toBe('Too many attempts. Try again in 30 s.');
    expect(describeError(new ApiError(429, 'rate_limited', ''), 'vote')).toBe('Too many attempts. Try again in a moment.');
  });

  it('tells a connection problem from a failure', () => {
    expect(describeError(new ApiError(0, 'network_error', ''), 'load')).toBe('Can’t reach the feedback service. Check your connection.');
    expect(describeError(new ApiError(500, 'internal_error', ''), 'vote')).toBe('Couldn’t save your vote. Please try again.');
    expect(describeError(new Error('boom'), 'post')).toBe('Couldn’t post your request. Please try again.');
  });

  it('says why a change to a request was refused', () => {
    expect(describeError(new ApiError(403, 'forbidden', ''), 'save')).toBe('Only its author can do that.');
    expect(describeError(new ApiError(404, 'not_found', ''), 'comment')).toBe('This request no longer exists.');
    expect(describeError(new ApiError(409, 'request_merged', ''), 'remove')).toBe('This request can no longer be changed.');
    expect(describeError(new ApiError(500, 'internal_error', ''), 'comment')).toBe('Couldn’t post your comment. Please try again.');
  });

  it('reads an error by its shape, as the panel gets them from the loader’s file', () => {
    expect(describeError({ code: 'identity_required', status: 403 }, 'comment')).toBe('Sign in to comment.');
  });
});
