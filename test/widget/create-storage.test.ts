import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStorage } from '../../widget/src/create-storage.js';

const throwing = () => {
  throw new DOMException('The operation is insecure.', 'SecurityError');
};

describe('createStorage', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    localStorage.clear();
  });

  it('keeps JSON values in localStorage under reqio:<projectId>:', () => {
    const storage = createStorage('prj_1');
    storage.set('session', { token: 't', expiresAt: 'x' });
    expect(localStorage.getItem('reqio:prj_1:session')).toBe('{"token":"t","expiresAt":"x"}');
    expect(createStorage('prj_1').get('session')).toEqual({ token: 't', expiresAt: 'x' });
    expect(createStorage('prj_2').get('session')).toBeNull();
    storage.remove('session');
    expect(localStorage.getItem('reqio:prj_1:session')).toBeNull();
  });

  it('falls back to memory when every storage call throws (private modes, sandboxed frames)', () => {
    const backend = { getItem: throwing, setItem: throwing, removeItem: throwing } as unknown as Storage;
    const storage = createStorage('prj_1', backend);
    expect(storage.get('anonymousId')).toBeNull();
    expect(() => storage.set('anonymousId', 'abcdefgh')).not.toThrow();
    expect(storage.get('anonymousId')).toBe('abcdefgh');
    expect(() => storage.remove('anonymousId')).not.toThrow();
    expect(storage.get('anonymousId')).toBeNull();
  });

  it('falls back to memory when reading window.localStorage itself throws', () => {
    vi.spyOn(window, 'localStorage', 'get').mockImplementation(throwing);
    const storage = createStorage('prj_1');
    storage.set('anonymousId', 'abcdefgh');
    expect(storage.get('anonymousId')).toBe('abcdefgh');
  });

  it('keeps the latest value in memory when a write is refused (quota exceeded)', () => {
    const values = new Map<string, string>([['reqio:prj_1:anonymousId', '"old-value"']]);
    const backend = {
      getItem: (key: string) => values.get(key) ?? null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: (key: string) => void values.delete(key),
    } as unknown as Storage;
    const storage = createStorage('prj_1', backend);
    expect(storage.get('anonymousId')).toBe('old-value');
    storage.set('anonymousId', 'new-value');
    expect(storage.get('anonymousId')).toBe('new-value');
  });

  it('treats a value that is not JSON as absent', () => {
    localStorage.setItem('reqio:prj_1:session', '{broken');
    expect(createStorage('prj_1').get('session')).toBeNull();
  });
});
