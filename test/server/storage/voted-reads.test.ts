import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/src/storage/database.js';
import { findVotedRequestIds, findVotedRequestIdsOfMany, type VotedLookup } from '../../../server/src/storage/requests/request-queries.js';
import { createVotedReads } from '../../../server/src/services/requests/voted-reads.js';
import { openTestDatabase, storeKinds } from '../../helpers/test-database.js';

// The batched "which of this page did I vote for" of a cached widget list (issue 14): one
// statement for many callers must answer each exactly as the caller's own read would, and
// read the store again for every batch.

async function seed(db: Database): Promise<void> {
  await db.query("insert into projects (id, name) values ('p1', 'P')");
  await db.query("insert into users (id, project_id, external_id) values ('u1', 'p1', 'ada'), ('u2', 'p1', 'bob'), ('u3', 'p1', 'cy')");
  await db.query("insert into requests (id, project_id, title) values ('r1', 'p1', 'One'), ('r2', 'p1', 'Two'), ('r3', 'p1', 'Three'), ('r4', 'p1', 'Four')");
  await db.query(
    `insert into votes (request_id, project_id, user_id) values ('r1', 'p1', 'u1'), ('r2', 'p1', 'u1'), ('r4', 'p1', 'u1'), ('r2', 'p1', 'u2')`,
  );
  // An anonymous id that equals a user's id must not be taken for that user, nor the reverse.
  await db.query(`insert into votes (request_id, project_id, anonymous_id) values ('r3', 'p1', 'anon-1'), ('r1', 'p1', 'u2')`);
}

describe.each(storeKinds)('the batched voted read on %s', (store) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(store);
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await db.query('truncate projects, users, requests, votes cascade');
    await seed(db);
  });

  const lookups: VotedLookup[] = [
    { voter: { userId: 'u1' }, requestIds: ['r1', 'r2', 'r3'] }, // r4 voted but not asked
    { voter: { userId: 'u2' }, requestIds: ['r1', 'r2', 'r3', 'r4'] }, // r1 is voted by the anonymous id "u2", not by u2
    { voter: { anonymousId: 'anon-1' }, requestIds: ['r1', 'r3'] },
    { voter: { anonymousId: 'u2' }, requestIds: ['r1', 'r2'] },
    { voter: { userId: 'u3' }, requestIds: ['r1', 'r2'] }, // no votes
    { voter: { userId: 'u1' }, requestIds: ['r4'] }, // the same voter again, another page
    { voter: { anonymousId: 'nobody' }, requestIds: [] },
  ];

  it('answers each caller exactly as its own read does, in the order asked', async () => {
    const batched = await findVotedRequestIdsOfMany(db, lookups);
    const alone = await Promise.all(lookups.map(({ voter, requestIds }) => findVotedRequestIds(db, voter, [...requestIds])));
    expect(batched).toEqual(alone);
    expect(batched.map((voted) => [...voted].sort())).toEqual([['r1', 'r2'], ['r2'], ['r3'], ['r1'], [], ['r4'], []]);
  });

  it('answers no callers, and callers without ids, without asking the store', async () => {
    expect(await findVotedRequestIdsOfMany(db, [])).toEqual([]);
    expect(await findVotedRequestIdsOfMany({ query: () => Promise.reject(new Error('asked')) }, [{ voter: { userId: 'u1' }, requestIds: [] }])).toEqual([new Set()]);
  });

  it('batches the reads made together, and reads the store again for the next batch', async () => {
    const sizes: number[] = [];
    const read = createVotedReads(db, { onBatch: (size) => sizes.push(size) });
    const answers = await Promise.all(lookups.map((lookup) => read(lookup)));
    expect(sizes).toEqual([lookups.length]);
    expect(answers).toEqual(await findVotedRequestIdsOfMany(db, lookups));
    // A vote committed (on any instance) before the next read starts is in its answer.
    await db.query("insert into votes (request_id, project_id, user_id) values ('r3', 'p1', 'u1')");
    expect([...(await read(lookups[0]!))].sort()).toEqual(['r1', 'r2', 'r3']);
  });
});
