import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../../../server/src/storage/database.js';
import { readIdentifyState, readIdentifyStates, type IdentifyStateKey } from '../../../server/src/storage/users/user-queries.js';
import { createIdentifyStateReads } from '../../../server/src/services/users/identify-state-reads.js';
import { openTestDatabase, storeKinds } from '../../helpers/test-database.js';

// The batched read of no-write identifies (issue 14): one statement for many users must answer
// each exactly as that user's own read would, and a batch must never answer from before its
// request arrived (nothing is cached between batches).

const traits = (amount: number) => ({ plan: 'pro', amount, interval: 'month' as const, custom: {} });
const key = (projectId: string, externalId: string, overrides: Partial<IdentifyStateKey> = {}): IdentifyStateKey => ({
  projectId,
  externalId,
  email: `${externalId}@example.com`,
  name: null,
  plan: 'pro',
  traits: traits(4900),
  rawTraits: { plan: 'pro', amount: 4900, interval: 'month' },
  monthlyMinor: 4900,
  ...overrides,
});

async function seed(db: Database): Promise<void> {
  await db.query("insert into projects (id, name) values ('p1', 'P'), ('p2', 'Q')");
  await db.query("update projects set currency = 'EUR', exchange_rates = '{\"USD\": 0.9}' where id = 'p2'");
  await db.query(
    `insert into accounts (id, project_id, kind, external_id, plan, amount, billing_interval, monthly_minor, monthly_amount)
     values ('a1', 'p1', 'user', 'ada', 'pro', 4900, 'month', 4900, 4900), ('a2', 'p2', 'user', 'ada', 'pro', 4900, 'month', 4900, 4900)`,
  );
  for (const [id, project, account] of [['u1', 'p1', 'a1'], ['u2', 'p2', 'a2'], ['u3', 'p1', null]] as const) {
    const external = id === 'u3' ? 'bob' : 'ada';
    await db.query(
      `insert into users (id, project_id, external_id, email, plan, traits, raw_traits, monthly_amount, currency, monthly_minor, account_id, last_seen_at)
       values ($1, $2, $3, $4, 'pro', $5::jsonb, $6::jsonb, 4900, null, 4900, $7, now() - interval '2 hours')`,
      [id, project, external, `${external}@example.com`, JSON.stringify(traits(4900)), JSON.stringify({ plan: 'pro', amount: 4900, interval: 'month' }), account],
    );
  }
  // Bob was seen a minute ago: not stale.
  await db.query("update users set last_seen_at = now() - interval '1 minute' where id = 'u3'");
}

describe.each(storeKinds)('the batched identify read on %s', (store) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(store);
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await db.query('truncate projects, users, accounts cascade');
    await seed(db);
  });

  const keys = [
    key('p1', 'ada'),
    key('p2', 'ada'), // the same sub in another project, other currency
    key('p1', 'bob'), // no account yet
    key('p1', 'ada', { email: 'new@example.com' }), // a changed field, and a second key for the same user
    key('p1', 'nobody'), // no such user
    key('p3', 'ada'), // no such project
    key('p1', 'ada', { traits: traits(9900), monthlyMinor: 9900, rawTraits: null }),
    key('p1', 'ada', { email: null, plan: null }), // nulls compared as values
  ];

  it('answers each key exactly as its own read does, in the order asked', async () => {
    const batched = await readIdentifyStates(db, keys);
    const alone = await Promise.all(keys.map((k) => readIdentifyState(db, { ...k, anonymousId: undefined })));
    expect(batched).toEqual(alone);
    // And the answers are the ones meant, not merely equal to each other.
    expect(batched.map((state) => state?.userSame)).toEqual([true, true, true, false, undefined, undefined, false, false]);
    expect(batched.map((state) => state?.user.id)).toEqual(['u1', 'u2', 'u3', 'u1', undefined, undefined, 'u1', 'u1']);
    expect(batched[1]!.money).toEqual({ currency: 'EUR', exchangeRates: { USD: 0.9 } });
    expect(batched[0]!.account?.id).toBe('a1');
    expect(batched[2]!.account).toBeNull();
    expect(batched.map((state) => state?.seenStale)).toEqual([true, true, false, true, undefined, undefined, true, true]);
    expect(batched.every((state) => state === undefined || state.anonymousPending === false)).toBe(true);
  });

  it('answers batches of every size the same', async () => {
    const alone = await Promise.all(keys.map((k) => readIdentifyState(db, { ...k, anonymousId: undefined })));
    for (const size of [1, 2, 3, 5, 8]) expect(await readIdentifyStates(db, keys.slice(0, size))).toEqual(alone.slice(0, size));
    const many = Array.from({ length: 40 }, (_, index) => keys[index % keys.length]!);
    expect(await readIdentifyStates(db, many)).toEqual(many.map((_, index) => alone[index % keys.length]));
  });

  it('answers an empty batch and a batch of only unknown users', async () => {
    expect(await readIdentifyStates(db, [])).toEqual([]);
    expect(await readIdentifyStates(db, [key('p1', 'x'), key('p9', 'y')])).toEqual([undefined, undefined]);
  });

  it('batches the reads made together into one statement, each caller getting its own answer', async () => {
    const sizes: number[] = [];
    const reads = createIdentifyStateReads(db, { onBatch: (size) => sizes.push(size) });
    const answers = await Promise.all(keys.map((k) => reads.read(k)));
    expect(sizes).toEqual([keys.length]);
    expect(answers).toEqual(await readIdentifyStates(db, keys));
  });

  it('reads the store again for every batch: a write between two reads is seen by the second', async () => {
    const reads = createIdentifyStateReads(db);
    expect((await reads.read(key('p1', 'ada')))!.userSame).toBe(true);
    // Another instance changes Ada's traits in the store.
    await db.query("update users set traits = jsonb_set(traits, '{amount}', '9900'), monthly_minor = 9900 where id = 'u1'");
    const after = (await reads.read(key('p1', 'ada')))!;
    expect(after.userSame).toBe(false);
    expect(after.user.traits.amount).toBe(9900);
  });
});

describe('the identify read batcher', () => {
  // A store that answers each statement when the test says so; the batches' sizes come from onBatch.
  function heldStore() {
    const held: (() => void)[] = [];
    const sizes: number[] = [];
    const q: Queryable = {
      query: async <Row>() => {
        await new Promise<void>((release) => held.push(release));
        return [] as Row[];
      },
    };
    return { q, held, sizes, onBatch: (size: number) => void sizes.push(size) };
  }
  const turn = () => new Promise((resolve) => setImmediate(resolve));

  it('keeps at most maxInFlight batches with the store; reads made meanwhile join the next batch', async () => {
    const { q, held, sizes, onBatch } = heldStore();
    const reads = createIdentifyStateReads(q, { maxInFlight: 1, onBatch });
    const first = reads.read(key('p1', 'a'));
    await turn();
    expect(sizes).toEqual([1]);
    const later = [reads.read(key('p1', 'b')), reads.read(key('p1', 'c'))];
    await turn();
    await turn();
    const third = reads.read(key('p1', 'd'));
    await turn();
    // Still one batch with the store: b, c and d wait.
    expect(sizes).toEqual([1]);
    expect(held).toHaveLength(1);
    held[0]!();
    expect(await first).toBeUndefined();
    await turn();
    expect(sizes).toEqual([1, 3]);
    expect(held).toHaveLength(2);
    held[1]!();
    expect(await Promise.all([...later, third])).toEqual([undefined, undefined, undefined]);
  });

  it('splits a burst larger than maxBatch', async () => {
    const { q, held, sizes, onBatch } = heldStore();
    const reads = createIdentifyStateReads(q, { maxBatch: 2, maxInFlight: 4, onBatch });
    const all = ['a', 'b', 'c', 'd', 'e'].map((sub) => reads.read(key('p1', sub)));
    await turn();
    await turn();
    expect(sizes).toEqual([2, 2, 1]);
    expect(held).toHaveLength(3);
    for (const release of held) release();
    expect(await Promise.all(all)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('fails every read of a batch whose statement failed, and the next batch still runs', async () => {
    let fail = true;
    const q: Queryable = {
      query: async <Row>() => {
        if (fail) throw new Error('connection lost');
        return [] as Row[];
      },
    };
    const reads = createIdentifyStateReads(q);
    const failed = await Promise.allSettled([reads.read(key('p1', 'a')), reads.read(key('p1', 'b'))]);
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await reads.read(key('p1', 'a'))).toBeUndefined();
  });
});
