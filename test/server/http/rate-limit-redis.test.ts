import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../helpers/test-database.js';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';
import type { Database } from '../../../server/src/storage/database.js';

// Two instances share one Redis: the limit holds across them. Runs where REDIS_URL is set (CI sets it).
describe.runIf(process.env.REDIS_URL)('rate limits on Redis', () => {
  let db: Database;
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    const shared = { db, redisUrl: process.env.REDIS_URL!, rateLimitKeyPrefix: `reqio-test:${randomBytes(4).toString('hex')}`, env: { REQIO_RATE_LIMIT_IDENTIFY_PER_IP: '4' } };
    first = await startTestApp(shared);
    second = await startTestApp(shared);
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await db.close();
  });

  it('counts identify calls on both instances against one limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const app = i % 2 === 0 ? first : second;
      const response = await fetch(`${app.url}/v1/projects/${app.project.id}/identify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: await app.mint({ sub: `u${i}` }) }),
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });
});
