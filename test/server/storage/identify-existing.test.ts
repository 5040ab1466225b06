import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProjectMoney } from '@reqio/shared';
import type { Database } from '../../../server/src/storage/database.js';
import { recomputeRequestTotals } from '../../../server/src/storage/requests/request-queries.js';
import { readIdentifyState, updateIdentifiedUser, type IdentifyState } from '../../../server/src/storage/users/user-queries.js';
import { castVoteStatement } from '../../../server/src/storage/votes/vote-statements.js';
import { openTestDatabase, storeKinds } from '../../helpers/test-database.js';
import { waitUntilBlockedBy } from '../../helpers/wait-until-blocked.js';

// The one-call identify (migration 12, reqio_identify_existing): it writes only while what the
// caller read still holds, and re-weighs after the account's lock, so a vote that committed
// while it waited moves with the new amount.

const money: ProjectMoney = { currency: 'USD', exchangeRates: {} };
const ada = { email: null, name: null, plan: 'pro', traits: { plan: 'pro', amount: 4900, interval: 'month' as const, custom: {} }, rawTraits: null, monthlyMinor: 4900 };
const raised = { ...ada, traits: { ...ada.traits, amount: 9900 }, monthlyMinor: 9900, monthlyAmount: 9900 };
const account = (monthlyAmount: number) => ({
  name: null,
  plan: 'pro',
  amount: monthlyAmount,
  interval: 'month' as const,
  currency: null,
  custom: {},
  traitsValid: true,
  monthlyMinor: monthlyAmount,
  monthlyAmount,
});

async function seed(db: Database): Promise<void> {
  await db.query("insert into projects (id, name) values ('p1', 'P')");
  await db.query(
    `insert into accounts (id, project_id, kind, external_id, plan, amount, billing_interval, monthly_minor, monthly_amount)
     values ('a1', 'p1', 'user', 'ada', 'pro', 4900, 'month', 4900, 4900)`,
  );
  await db.query(
    `insert into users (id, project_id, external_id, plan, traits, monthly_amount, monthly_minor, account_id)
     values ('u1', 'p1', 'ada', 'pro', $1::jsonb, 4900, 4900, 'a1')`,
    [JSON.stringify(ada.traits)],
  );
  await db.query("insert into requests (id, project_id, title, vote_count, account_count, monthly_revenue) values ('r1', 'p1', 'Dark mode', 1, 1, 4900), ('r2', 'p1', 'Export', 0, 0, 0)");
  await db.query("insert into votes (request_id, project_id, user_id) values ('r1', 'p1', 'u1')");
  await db.query("insert into request_accounts (request_id, account_id, voters) values ('r1', 'a1', 1)");
}

const read = async (db: Database): Promise<IdentifyState> =>
  (await readIdentifyState(db, { projectId: 'p1', externalId: 'ada', anonymousId: undefined, ...raised }))!;
const write = (db: Database, state: IdentifyState, overrides: { money?: ProjectMoney; accountId?: string } = {}) =>
  updateIdentifiedUser(db, {
    projectId: 'p1',
    externalId: 'ada',
    userId: state.user.id,
    ...raised,
    money: overrides.money ?? state.money,
    accountId: overrides.accountId ?? state.account!.id,
    accountVersion: state.accountVersion!,
    account: account(9900),
  });
const snapshot = async (db: Database) => ({
  user: await db.query<{ monthly_amount: number }>("select monthly_amount::int from users where id = 'u1'"),
  account: await db.query<{ monthly_amount: number }>("select monthly_amount::int from accounts where id = 'a1'"),
  requests: await db.query<{ id: string; monthly_revenue: number }>('select id, vote_count, account_count, monthly_revenue::int from requests order by id'),
});

describe.each(storeKinds)('the one-call identify on %s', (store) => {
  let db: Database;
  // One store per kind (a migrated PGlite takes seconds to open), emptied before each test.
  beforeAll(async () => {
    db = await openTestDatabase(store);
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await db.query('truncate projects, users, accounts, requests, votes, request_accounts cascade');
    await seed(db);
  });

  it('writes the user, the account and the revenue of its requests in one call, when nothing changed since the read', async () => {
    const state = await read(db);
    expect(state.money).toEqual(money);
    const written = await write(db, state);
    // The account's version after the write, for the caller's next identify of the user.
    const [version] = await db.query<{ xmin: string }>("select xmin::text from accounts where id = 'a1'");
    expect(written).toEqual({ changed: true, accountVersion: version!.xmin });
    expect(written!.accountVersion).not.toBe(state.accountVersion);
    expect(await snapshot(db)).toEqual({
      user: [{ monthly_amount: 9900 }],
      account: [{ monthly_amount: 9900 }],
      requests: [
        { id: 'r1', vote_count: 1, account_count: 1, monthly_revenue: 9900 },
        { id: 'r2', vote_count: 0, account_count: 0, monthly_revenue: 0 },
      ],
    });
    expect(await recomputeRequestTotals(db, 'p1')).toBe(0);
  });

  it.each([
    ['the account was written since the read', async (d: Database) => void (await d.query("update accounts set updated_at = now() where id = 'a1'")), {}],
    ['the project\u2019s rates changed since the read', async () => {}, { money: { currency: 'USD', exchangeRates: { EUR: 0.9 } } }],
    ['the user is in another account now', async () => {}, { accountId: 'a2' }],
    ['the user is gone', async (d: Database) => void (await d.query("delete from users where id = 'u1'")), {}],
    [
      'the user was deleted and created again in the same account',
      async (d: Database) => {
        await d.query("delete from users where id = 'u1'");
        await d.query("insert into users (id, project_id, external_id, plan, traits, monthly_amount, monthly_minor, account_id) values ('u2', 'p1', 'ada', 'pro', '{}', 4900, 4900, 'a1')");
      },
      {},
    ],
  ] as [string, (d: Database) => Promise<void>, { money?: ProjectMoney; accountId?: string }][])('writes nothing and answers undefined when %s', async (_label, change, overrides) => {
    const state = await read(db);
    await change(db);
    const before = await snapshot(db);
    expect(await write(db, state, overrides)).toBeUndefined();
    expect(await snapshot(db)).toEqual(before);
  });

  it.skipIf(store !== 'postgres')('moves a vote that committed while it waited for the account with the new amount', async () => {
    const state = await read(db);
    let locked!: (pid: number) => void;
    const lockTaken = new Promise<number>((resolve) => (locked = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // A vote for r2 in a transaction of its own: it locks ada's user and account (FOR SHARE) and
    // counts the old amount; it commits only once the identify waits for the account.
    const voting = db.transaction(async (tx) => {
      await castVoteStatement(tx, { projectId: 'p1', requestId: 'r2', voter: { userId: 'u1' } }, () => ({ ctes: '', column: 'null as event' }));
      const [{ pid }] = (await tx.query<{ pid: number }>('select pg_backend_pid() as pid')) as [{ pid: number }];
      locked(pid);
      await released;
    });
    const votePid = await lockTaken;
    const identifying = write(db, state);
    await waitUntilBlockedBy(db, votePid, 'the identify');
    release();
    await voting;
    expect(await identifying).toMatchObject({ changed: true });
    expect((await snapshot(db)).requests).toEqual([
      { id: 'r1', vote_count: 1, account_count: 1, monthly_revenue: 9900 },
      { id: 'r2', vote_count: 1, account_count: 1, monthly_revenue: 9900 },
    ]);
    expect(await recomputeRequestTotals(db, 'p1')).toBe(0);
  });
});
