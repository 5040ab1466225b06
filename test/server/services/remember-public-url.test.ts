import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRememberedPublicUrl, rememberPublicUrl } from '../../../server/src/services/settings/remember-public-url.js';
import type { Database } from '../../../server/src/storage/database.js';
import { openTestDatabase, storeKinds } from '../../helpers/test-database.js';

describe.each(storeKinds)('the PUBLIC_URL the service last started with, on %s', (store) => {
  let db: Database;
  beforeAll(async () => void (db = await openTestDatabase(store)));
  afterAll(() => db.close());

  it('is remembered at each start, and each start learns the one before', async () => {
    expect(await readRememberedPublicUrl({ db })).toBeUndefined();
    expect(await rememberPublicUrl({ db }, 'http://localhost:4100')).toBeUndefined();
    expect(await readRememberedPublicUrl({ db })).toBe('http://localhost:4100');
    expect(await rememberPublicUrl({ db }, 'http://localhost:4100')).toBe('http://localhost:4100');
    expect(await rememberPublicUrl({ db }, 'https://feedback.example.com')).toBe('http://localhost:4100');
    expect(await readRememberedPublicUrl({ db })).toBe('https://feedback.example.com');
  });
});
