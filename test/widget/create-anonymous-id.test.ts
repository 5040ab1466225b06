import { describe, expect, it } from 'vitest';
import { ANONYMOUS_ID_PATTERN, createAnonymousId } from '../../widget/src/create-anonymous-id.js';

describe('createAnonymousId', () => {
  it('makes 22 base64url characters the API accepts', () => {
    for (let i = 0; i < 200; i += 1) {
      const id = createAnonymousId();
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(id).toMatch(ANONYMOUS_ID_PATTERN);
    }
  });

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, createAnonymousId));
    expect(ids.size).toBe(1000);
  });
});
