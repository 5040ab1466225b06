import type { NormalizedTraits, ProjectMoney } from '@reqio/shared';
import { accountFieldValues, toAccount, type AccountFields, type AccountRecord } from '../accounts/account-queries.js';
import type { Queryable } from '../database.js';
import { toIso, toNumber } from '../row-values.js';

/** An identified user as stored. `externalId` is the token's `sub`. */
export interface UserRecord {
  id: string;
  projectId: string;
  externalId: string;
  email: string | null;
  name: string | null;
  plan: string | null;
  traits: NormalizedTraits;
  /** The user's own monthly amount in the project's currency (a company's user weighs by the company's). */
  monthlyAmount: number;
  /** The account the user's votes count for: their company, or their account of one. */
  accountId: string | null;
  createdAt: string;
  lastSeenAt: string;
}

/** What an identify writes about the user. */
export interface UserIdentity {
  email: string | null;
  name: string | null;
  plan: string | null;
  traits: NormalizedTraits;
  rawTraits: unknown;
  /** In the project's currency. */
  monthlyAmount: number;
  /** The same amount in the minor units of `traits.currency`, for re-weighing when a rate changes. */
  monthlyMinor: number;
}

type UserRow = {
  id: string;
  project_id: string;
  external_id: string;
  email: string | null;
  name: string | null;
  plan: string | null;
  traits: NormalizedTraits;
  monthly_amount: number | string;
  account_id: string | null;
  created_at: Date;
  last_seen_at: Date;
};

const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  projectId: row.project_id,
  externalId: row.external_id,
  email: row.email,
  name: row.name,
  plan: row.plan,
  traits: row.traits,
  monthlyAmount: toNumber(row.monthly_amount),
  accountId: row.account_id,
  createdAt: toIso(row.created_at),
  lastSeenAt: toIso(row.last_seen_at),
});

/** The user columns an identify writes, in this order: email, name, plan, traits, raw_traits, monthly_amount, currency, monthly_minor. */
const identityValues = (user: UserIdentity) => [
  user.email,
  user.name,
  user.plan,
  JSON.stringify(user.traits),
  JSON.stringify(user.rawTraits ?? null),
  user.monthlyAmount,
  user.traits.currency ?? null,
  user.monthlyMinor,
];

// The user's row for $1 (project) and $2 (external id), locked and compared with the new
// fields ($3–$10, in identityValues' order), then updated (last_seen_at at most once an hour).
// FOR NO KEY UPDATE (what the update takes anyway), not FOR UPDATE: it waits for votes (FOR
// SHARE) but not for the key-share locks foreign-key checks take on a request's author, which
// another transaction takes after its account and request locks.
const lockedUser = (condition: string) => `old as (
       select id, monthly_amount,
         (email, name, plan, traits, raw_traits, monthly_amount, currency, monthly_minor)
           is distinct from ($3::text, $4::text, $5::text, $6::jsonb, $7::jsonb, $8::bigint, $9::text, $10::bigint) as changed
       from users where project_id = $1 and external_id = $2 ${condition} for no key update
     )`;
const UPDATE_USER = `update users u set email = $3, name = $4, plan = $5, traits = $6::jsonb, raw_traits = $7::jsonb, monthly_amount = $8,
       currency = $9, monthly_minor = $10,
       last_seen_at = case when u.last_seen_at < now() - interval '1 hour' then now() else u.last_seen_at end
     from old where u.id = old.id
     returning u.*, old.monthly_amount as previous_monthly_amount, old.changed`;

/**
 * Creates or updates the user for `externalId`, holding the row's lock until the
 * transaction ends, and returns it with the monthly amount it had before (0 when new)
 * (null account when new: the caller gives it one in the same transaction), and whether the
 * identify changed its fields. An existing user costs one statement: lock, compare, update.
 */
export async function upsertUser(
  q: Queryable,
  user: { id: string; projectId: string; externalId: string } & UserIdentity,
): Promise<{ user: UserRecord; previousMonthlyAmount: number; created: boolean; changed: boolean }> {
  const values = identityValues(user);
  for (;;) {
    // The old row, locked, compared with the new fields; then updated.
    const [updated] = await q.query<UserRow & { previous_monthly_amount: number | string; changed: boolean }>(
      `with ${lockedUser('')} ${UPDATE_USER}`,
      [user.projectId, user.externalId, ...values],
    );
    if (updated) return { user: toUser(updated), previousMonthlyAmount: toNumber(updated.previous_monthly_amount), created: false, changed: updated.changed };
    const [inserted] = await q.query<UserRow>(
      `insert into users (id, project_id, external_id, email, name, plan, traits, raw_traits, monthly_amount, currency, monthly_minor)
       values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11)
       on conflict (project_id, external_id) do nothing returning *`,
      [user.id, user.projectId, user.externalId, ...values],
    );
    if (inserted) return { user: toUser(inserted), previousMonthlyAmount: 0, created: true, changed: true };
    // Created by a concurrent identify since the update looked: update that row.
  }
}

/**
 * The common identify that changes an existing user, in one statement: the project's money
 * (FOR SHARE), then the user (updated as upsertUser does), then, when it is the account the
 * token puts them in (`companyExternalId` null: whichever they are in), their account (FOR
 * UPDATE) — the lock order of every identify. `money` is what the caller read before and
 * converted the amount with: when the project's money is no longer that, or there is no such
 * user, nothing is written or locked and the answer is undefined (the caller takes the long way).
 */
export async function updateUserWithAccount(
  q: Queryable,
  user: { projectId: string; externalId: string; money: ProjectMoney; companyExternalId: string | null } & UserIdentity,
): Promise<{ user: UserRecord; previousMonthlyAmount: number; changed: boolean; account: AccountRecord | undefined } | undefined> {
  const [row] = await q.query<UserRow & { previous_monthly_amount: number | string; changed: boolean; account: Parameters<typeof toAccount>[0] | null }>(
    `with money as (
       select 1 from projects where id = $1 and currency = $11 and exchange_rates = $12::jsonb for share
     ), ${lockedUser('and exists (select 1 from money)')}, updated as (
       ${UPDATE_USER}
     ), account as (
       select a.* from accounts a where a.id = (select account_id from updated)
         and ($13::text is null or (a.kind = 'company' and a.external_id = $13)) for update
     )
     select updated.*, (select to_jsonb(account) from account) as account from updated`,
    [user.projectId, user.externalId, ...identityValues(user), user.money.currency, JSON.stringify(user.money.exchangeRates), user.companyExternalId],
  );
  if (row === undefined) return undefined;
  return {
    user: toUser(row),
    previousMonthlyAmount: toNumber(row.previous_monthly_amount),
    changed: row.changed,
    account: row.account === null ? undefined : toAccount(row.account),
  };
}

/**
 * The common identify that changes something, in one round trip (migration 13,
 * `reqio_identify_user`): the existing user `userId`, who stays in the account `accountId`,
 * known at `accountVersion` with the project's `money`. Writes the user's fields and, given
 * `account`, the account's fields and amount, moved through every request where it has
 * voters; with the caller's `event` in the same statement, written when the user's fields
 * changed or `account` is given. Answers whether the user's fields changed and the account's
 * version after the write, or undefined when the money, the user, their account or the
 * account changed since the caller learnt them: then nothing was written and the caller reads
 * the store, or takes the long way (updateUserWithAccount …).
 */
export async function updateIdentifiedUser(
  q: Queryable,
  user: {
    projectId: string;
    externalId: string;
    userId: string;
    money: ProjectMoney;
    accountId: string;
    accountVersion: string;
    account: (AccountFields & { monthlyAmount: number }) | undefined;
  } & UserIdentity,
  event?: (params: unknown[], when: string) => { ctes: string; column: string },
): Promise<{ changed: boolean; accountVersion: string } | undefined> {
  const account = user.account;
  const params: unknown[] = [
    user.projectId,
    user.externalId,
    ...identityValues(user),
    user.money.currency,
    JSON.stringify(user.money.exchangeRates),
    user.accountId,
    user.accountVersion,
    account !== undefined,
    ...(account === undefined ? [null, null, null, null, null, null, null, null] : accountFieldValues(account)),
    account?.monthlyAmount ?? null,
    q.kind === 'postgres',
    user.userId,
  ];
  // The function's answer: no row when it wrote nothing.
  const written = 'exists (select 1 from r)';
  const outbox = event?.(params, account === undefined ? 'coalesce((select user_changed from r), false)' : written);
  const [row] = await q.query<{ changed: boolean | null; account_version: string | null }>(
    `with r as (
       select * from reqio_identify_user($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10, $11, $12::jsonb, $13, $14, $15,
         $16, $17, $18, $19, $20, $21::jsonb, $22, $23, $24, $25, $26)
     )${outbox?.ctes ?? ''}
     select (select user_changed from r) as changed, (select account_version from r) as account_version${outbox === undefined ? '' : `, ${outbox.column}`}`,
    params,
  );
  return row === undefined || row.changed === null || row.account_version === null ? undefined : { changed: row.changed, accountVersion: row.account_version };
}

/** What one user's no-write identify compares, for {@link readIdentifyStates}. */
export type IdentifyStateKey = { projectId: string; externalId: string } & Omit<UserIdentity, 'monthlyAmount'>;

/**
 * `readIdentifyState` without an anonymous id, for many users in one statement: the states in
 * the order of `keys`, undefined where the user (or project) does not exist. The same columns
 * and comparisons as the one-user read (rows of unnest, joined to the same tables), so a batch
 * answers each identify exactly as its own read would have, at the time the batch runs.
 */
export async function readIdentifyStates(q: Queryable, keys: readonly IdentifyStateKey[]): Promise<(IdentifyState | undefined)[]> {
  const columns = keys.map(comparedValues);
  const rows = await q.query<IdentifyStateRow & { i: string }>(
    `select t.i, ${identifyStateColumns('(t.email, t.name, t.plan, t.traits, t.raw_traits, t.currency, t.monthly_minor)', 'false')}
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[], $8::text[], $9::bigint[])
       with ordinality as t(project_id, external_id, email, name, plan, traits, raw_traits, currency, monthly_minor, i)
     join users u on u.project_id = t.project_id and u.external_id = t.external_id
     join projects p on p.id = u.project_id
     left join accounts a on a.id = u.account_id`,
    [keys.map((key) => key.projectId), keys.map((key) => key.externalId), ...[0, 1, 2, 3, 4, 5, 6].map((column) => columns.map((values) => values[column]))],
  );
  const states: (IdentifyState | undefined)[] = keys.map(() => undefined);
  for (const row of rows) states[Number(row.i) - 1] = toIdentifyState(row);
  return states;
}

/** What a no-write identify needs to know, read in one statement (see `readIdentifyState`). */
export interface IdentifyState {
  user: UserRecord;
  /** Whether the stored user fields equal what the token says (compared in SQL; the converted amount is the caller's to compare, with `money`). */
  userSame: boolean;
  /** The account the user's votes count for now, or null (none yet). */
  account: AccountRecord | null;
  /** The version of the account row read (its `xmin`): a write after the read changes it. */
  accountVersion: string | null;
  money: ProjectMoney;
  /** Whether the anonymous id sent still has votes, requests or comments to merge (or was never recorded). */
  anonymousPending: boolean;
  /** Whether last_seen_at is more than an hour old. */
  seenStale: boolean;
}

type IdentifyStateRow = UserRow & {
  user_same: boolean;
  seen_stale: boolean;
  anonymous_pending: boolean;
  account: Parameters<typeof toAccount>[0] | null;
  account_version: string | null;
  currency_base: string;
  exchange_rates: Record<string, number>;
};

// What a no-write identify reads of user u (joined to its project p and account a): the
// stored user, whether its fields equal `compared` (in comparedValues' order), whether it was
// seen more than an hour ago, its account and version, the project's money, and `anonymousPending`.
const identifyStateColumns = (compared: string, anonymousPending: string) => `u.*, p.currency as currency_base, p.exchange_rates,
       (u.email, u.name, u.plan, u.traits, u.raw_traits, u.currency, u.monthly_minor) is not distinct from ${compared} as user_same,
       u.last_seen_at < now() - interval '1 hour' as seen_stale,
       case when a.id is null then null else to_jsonb(a) end as account, a.xmin::text as account_version,
       ${anonymousPending} as anonymous_pending`;

// The user columns a no-write identify compares: identityValues without monthly_amount (index
// 5), which depends on the rates read with the user, so the caller compares it.
const comparedValues = (identity: Omit<UserIdentity, 'monthlyAmount'>) => identityValues({ ...identity, monthlyAmount: 0 }).filter((_, index) => index !== 5);

const toIdentifyState = (row: IdentifyStateRow): IdentifyState => ({
  user: toUser(row),
  userSame: row.user_same,
  account: row.account === null ? null : toAccount(row.account),
  accountVersion: row.account_version,
  money: { currency: row.currency_base, exchangeRates: row.exchange_rates },
  anonymousPending: row.anonymous_pending,
  seenStale: row.seen_stale,
});

// Whether the anonymous id $10 still has something to merge into user u (m: where it was merged).
// Two texts, with and without an anonymous id: a prepared statement's generic plan then
// costs what a custom one does, and is kept (planning this read at every call doubled its cost
// on the embedded store).
const ANONYMOUS_PENDING = `(m.merged_user_id is null or (m.merged_user_id = u.id and (
         exists (select 1 from votes v where v.project_id = $1 and v.anonymous_id = $10)
         or exists (select 1 from requests r where r.project_id = $1 and r.author_anonymous_id = $10)
         or exists (select 1 from comments c where c.project_id = $1 and c.author_anonymous_id = $10))))`;

/**
 * One read, no lock: the stored user, whether its fields equal `identity`'s (SQL `is not
 * distinct from`, jsonb compared by value), its account, the project's money, and whether the
 * anonymous id still has anything to merge. Undefined when the user (or project) does not
 * exist. Always against the store, never a per-instance cache: a change made on another
 * instance is seen.
 */
export async function readIdentifyState(
  q: Queryable,
  input: { projectId: string; externalId: string; anonymousId: string | undefined } & Omit<UserIdentity, 'monthlyAmount'>,
): Promise<IdentifyState | undefined> {
  const [row] = await q.query<IdentifyStateRow>(
    `select ${identifyStateColumns('($3::text, $4::text, $5::text, $6::jsonb, $7::jsonb, $8::text, $9::bigint)', input.anonymousId === undefined ? 'false' : ANONYMOUS_PENDING)}
     from users u
     join projects p on p.id = u.project_id
     left join accounts a on a.id = u.account_id
     ${input.anonymousId === undefined ? '' : 'left join anonymous_ids m on m.project_id = $1 and m.anonymous_id = $10'}
     where u.project_id = $1 and u.external_id = $2`,
    [
      input.projectId,
      input.externalId,
      ...comparedValues(input),
      ...(input.anonymousId === undefined ? [] : [input.anonymousId]),
    ],
  );
  return row === undefined ? undefined : toIdentifyState(row);
}

/** Notes that a user was seen, at most once an hour (an identify that changed nothing writes only this). */
export async function touchUserSeen(q: Queryable, userId: string): Promise<void> {
  await q.query(`update users set last_seen_at = now() where id = $1 and last_seen_at < now() - interval '1 hour'`, [userId]);
}

/** Puts a user in an account (their company, or their account of one). */
export async function setUserAccount(q: Queryable, userId: string, accountId: string): Promise<void> {
  await q.query('update users set account_id = $2 where id = $1', [userId, accountId]);
}

/**
 * A voter's account and its monthly amount, locking the user and the account against a
 * concurrent identify or revenue change until the transaction ends.
 */
export async function lockVoterAccount(q: Queryable, userId: string): Promise<{ accountId: string; monthlyAmount: number } | undefined> {
  const [row] = await q.query<{ account_id: string; monthly_amount: number | string }>(
    'select u.account_id, a.monthly_amount from users u join accounts a on a.id = u.account_id where u.id = $1 for share',
    [userId],
  );
  return row && { accountId: row.account_id, monthlyAmount: toNumber(row.monthly_amount) };
}

/**
 * A project's users whose own amount is in one of `currencies` ('all': any currency of its
 * own), locked in id order (FOR NO KEY UPDATE: foreign-key checks do not wait on it).
 */
export async function lockUsersInCurrencies(
  q: Queryable,
  projectId: string,
  currencies: readonly string[] | 'all',
): Promise<{ id: string; currency: string; monthlyMinor: number }[]> {
  const rows = await q.query<{ id: string; currency: string; monthly_minor: number | string }>(
    `select id, currency, monthly_minor from users where project_id = $1 and currency is not null
       and ($2::text[] is null or currency = any($2::text[])) order by id for no key update`,
    [projectId, currencies === 'all' ? null : currencies],
  );
  return rows.map((row) => ({ id: row.id, currency: row.currency, monthlyMinor: toNumber(row.monthly_minor) }));
}

/** Sets users' own monthly amounts in the project's currency (after a rate change). */
export async function setUserMonthlyAmounts(q: Queryable, amounts: readonly { userId: string; monthlyAmount: number }[]): Promise<void> {
  if (amounts.length === 0) return;
  await q.query(
    `update users u set monthly_amount = c.amount from unnest($1::text[], $2::bigint[]) as c(id, amount)
     where u.id = c.id and u.monthly_amount <> c.amount`,
    [amounts.map((a) => a.userId), amounts.map((a) => a.monthlyAmount)],
  );
}

export async function findUserByExternalId(q: Queryable, projectId: string, externalId: string): Promise<UserRecord | undefined> {
  const [row] = await q.query<UserRow>('select * from users where project_id = $1 and external_id = $2', [projectId, externalId]);
  return row && toUser(row);
}

export async function findUserById(q: Queryable, userId: string): Promise<UserRecord | undefined> {
  const [row] = await q.query<UserRow>('select * from users where id = $1', [userId]);
  return row && toUser(row);
}

/** Users of a project, highest monthly amount first. */
export async function listUsers(q: Queryable, projectId: string, page: { limit: number; offset: number }): Promise<UserRecord[]> {
  const rows = await q.query<UserRow>(
    `select * from users where project_id = $1 order by monthly_amount desc, last_seen_at desc, id limit $2 offset $3`,
    [projectId, page.limit, page.offset],
  );
  return rows.map(toUser);
}

/** The users of an account, highest own monthly amount first. */
export async function listAccountUsers(q: Queryable, accountId: string, page: { limit: number }): Promise<UserRecord[]> {
  const rows = await q.query<UserRow>('select * from users where account_id = $1 order by monthly_amount desc, last_seen_at desc, id limit $2', [accountId, page.limit]);
  return rows.map(toUser);
}

export async function countUsers(q: Queryable, projectId: string): Promise<number> {
  const [row] = await q.query<{ count: number | string }>('select count(*) as count from users where project_id = $1', [projectId]);
  return toNumber(row!.count);
}

/** Locks a user's row for deletion; returns its id and account, or undefined when there is no such user. */
export async function lockUserForDelete(q: Queryable, projectId: string, externalId: string): Promise<{ id: string; accountId: string | null } | undefined> {
  const [row] = await q.query<{ id: string; account_id: string | null }>(
    'select id, account_id from users where project_id = $1 and external_id = $2 for update',
    [projectId, externalId],
  );
  return row && { id: row.id, accountId: row.account_id };
}

export async function deleteUserRow(q: Queryable, userId: string): Promise<void> {
  await q.query('delete from users where id = $1', [userId]);
}
