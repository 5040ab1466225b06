import { describe, expect, it } from 'vitest';
import { validateRequestInput } from '../../widget/src/validate-request-input.js';

describe('validateRequestInput', () => {
  it('accepts a title of 3 to 120 characters and a body up to 5000, after trimming', () => {
    expect(validateRequestInput('abc', '')).toEqual({});
    expect(validateRequestInput('a'.repeat(120), 'b'.repeat(5000))).toEqual({});
    expect(validateRequestInput('  abc  ', `  ${'b'.repeat(5000)}  `)).toEqual({});
  });

  it('names what is wrong with each field', () => {
    expect(validateRequestInput('  ab  ', '')).toEqual({ title: 'Title must be at least 3 characters.' });
    expect(validateRequestInput('a'.repeat(121), '')).toEqual({ title: 'Title must be at most 120 characters (121 now).' });
    expect(validateRequestInput('', 'b'.repeat(5001))).toEqual({
      title: 'Title must be at least 3 characters.',
      body: 'Details must be at most 5000 characters.',
    });
  });
});
