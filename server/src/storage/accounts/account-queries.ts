import type { BillingInterval, CustomTraitValue, RequestStatus } from '@reqio/shared';
import type { Queryable, StatementEventCtes } from '../database.js';
import { toIso, toNumber } from '../row-values.js';

/** What an account is: a company named by a token, or a user alone (CONTRACT §6). */
export type AccountKind = 'company' | 'user';

/** An account as stored. `monthlyAmount` is in the project's currency; `monthlyMinor` in the account's own. */
export interface AccountRecord {
  id: string;
  projectId: string;
  kind: AccountKind;
  /** The company's id, or the user's `sub`. */
  externalId: string;
  name: string | null;
  plan: string | null;
  amount: number | null;
  interval: BillingInterval | null;
  /** Null: the project's currency. */
  currency: string | null;
  custom: Record<string, CustomTraitValue>;
  /** False while the last token sent bad fields for it: it weighs 0 until a good one. */
  traitsValid: boolean;
  monthlyMinor: number;
  monthlyAmount: number;
  createdAt: string;
  updatedAt: string;
}

/** The fields a token sets on an account; `monthlyMinor` follows from them. */
export type AccountFields = Pick<AccountRecord, 'name' | 'plan' | 'amount' | 'interval' | 'currency' | 'custom' | 'traitsValid' | 'monthlyMinor'>;

type AccountRow = {
  id: string;
  project_id: string;
  kind: AccountKind;
  external_id: string;
  name: string | null;
  plan: string | null;
  amount: number | string | null;
  billing_interval: BillingInterval | null;
  currency: string | null;
  traits: Record<string, CustomTraitValue>;
  traits_valid: boolean;
  monthly_minor: number | string;
  monthly_amount: number | string;
  created_at: Date;
  updated_at: Date;
};

/** An account row as the rest of the service sees it. */
export const toAccount = (row: AccountRow): AccountRecord => ({
  id: row.id,
  projectId: row.project_id,
  kind: row.kind,
  externalId: row.external_id,
  name: row.name,
  plan: row.plan,
  amount: row.amount === null ? null : toNumber(row.amount),
  interval: row.billing_interval,
  currency: row.currency,
  custom: row.traits,
  traitsValid: row.traits_valid,
  monthlyMinor: toNumber(row.monthly_minor),
  monthlyAmount: toNumber(row.monthly_amount),
  createdAt: toIso(row.created_at),
  updatedAt: toIso(row.updated_at),
});

/** An account's fields as the parameters of its columns name … monthly_minor, in table order. */
export const accountFieldValues = (fields: AccountFields) => [
  fields.name,
  fields.plan,
  fields.amount,
  fields.interval,
  fields.currency,
  JSON.stringify(fields.custom),
  fields.traitsValid,
  fields.monthlyMinor,
];

/**
 * Creates an account with its fields and its monthly amount in the project's currency.
 * Its row stays locked until the transaction ends (it is new).
 */
export async function insertAccount(
  q: Queryable,
  account: { id: string; projectId: string; kind: AccountKind; externalId: string; monthlyAmount: number } & AccountFields,
): Promise<AccountRecord> {
  const [row] = await q.query<AccountRow>(
    `insert into accounts (id, project_id, kind, external_id, name, plan, amount, billing_interval, currency, traits, traits_valid, monthly_minor, monthly_amount)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13) returning *`,
    [account.id, account.projectId, account.kind, account.externalId, ...accountFieldValues(account), account.monthlyAmount],
  );
  return toAccount(row!);
}

/**
 * The id of a project's company account, creating an empty one (weighing 0) when there is
 * none yet. Two first tokens of one company at once make one account.
 */
export async function ensureCompanyAccount(q: Queryable, account: { id: string; projectId: string; externalId: string }): Promise<string> {
  const [inserted] = await q.query<{ id: string }>(
    `insert into accounts (id, project_id, kind, external_id) values ($1, $2, 'company', $3)
     on conflict (project_id, kind, external_id) do nothing returning id`,
    [account.id, account.projectId, account.externalId],
  );
  if (inserted) return inserted.id;
  const [existing] = await q.query<{ id: string }>("select id from accounts where project_id = $1 and kind = 'company' and external_id = $2", [
    account.projectId,
    account.externalId,
  ]);
  return existing!.id;
}

/** Locks accounts for update, in id order (so two writers cannot deadlock), and returns them. */
export async function lockAccounts(q: Queryable, accountIds: readonly string[]): Promise<AccountRecord[]> {
  const rows = await q.query<AccountRow>('select * from accounts where id = any($1::text[]) order by id for update', [[...new Set(accountIds)]]);
  return rows.map(toAccount);
}

/**
 * Locks a project's company account, found by its external id, together with `otherId` (the
 * account the user is in), in id order, and returns them; one statement. Locks nothing and
 * returns [] when there is no such company yet (the caller creates it, then locks).
 */
export async function lockCompanyAccount(
  q: Queryable,
  company: { projectId: string; externalId: string; otherId: string | null },
): Promise<AccountRecord[]> {
  const rows = await q.query<AccountRow>(
    `with company as (select id from accounts where project_id = $1 and kind = 'company' and external_id = $2)
     select * from accounts where id in (select id from company union all select $3::text where exists (select 1 from company))
     order by id for update`,
    [company.projectId, company.externalId, company.otherId],
  );
  return rows.map(toAccount);
}

/**
 * Writes an account's fields, with the caller's `event` in the same statement when given.
 * Not its monthly amount: that moves through the request totals (`writeAccount`, `reweighAccounts`).
 */
export async function updateAccountFields(q: Queryable, accountId: string, fields: AccountFields, event?: StatementEventCtes): Promise<void> {
  const params: unknown[] = [accountId, ...accountFieldValues(fields)];
  const outbox = event?.(params);
  await q.query(
    `with changed as (
       update accounts set name = $2, plan = $3, amount = $4, billing_interval = $5, currency = $6, traits = $7::jsonb, traits_valid = $8,
         monthly_minor = $9, updated_at = now() where id = $1 returning id
     )${outbox?.ctes ?? ''}
     select (select count(*) from changed) as changed${outbox === undefined ? '' : `, ${outbox.column}`}`,
    params,
  );
}

/** Deletes an account of one whose user is gone or joined a company (its voter rows go with it). */
export async function deleteAccount(q: Queryable, accountId: string): Promise<void> {
  await q.query('delete from accounts where id = $1', [accountId]);
}

/**
 * A project's accounts whose amounts are in one of `currencies` (every account with a
 * currency of its own when `currencies` is 'all'), locked in id order: what a rate change re-weighs.
 */
export async function lockAccountsInCurrencies(
  q: Queryable,
  projectId: string,
  currencies: readonly string[] | 'all',
): Promise<{ id: string; currency: string; monthlyMinor: number; monthlyAmount: number }[]> {
  const rows = await q.query<{ id: string; currency: string; monthly_minor: number | string; monthly_amount: number | string }>(
    `select id, currency, monthly_minor, monthly_amount from accounts
     where project_id = $1 and currency is not null and ($2::text[] is null or currency = any($2::text[]))
     order by id for update`,
    [projectId, currencies === 'all' ? null : currencies],
  );
  return rows.map((row) => ({ id: row.id, currency: row.currency, monthlyMinor: toNumber(row.monthly_minor), monthlyAmount: toNumber(row.monthly_amount) }));
}

/** An account as listed, with how many users it has and how many votes they cast. */
export type AccountSummary = AccountRecord & { users: number; votes: number };

const SUMMARY = `select a.*,
    (select count(*) from users u where u.account_id = a.id) as user_count,
    (select coalesce(sum(ra.voters), 0) from request_accounts ra where ra.account_id = a.id and ra.voters > 0) as vote_count
  from accounts a`;

type SummaryRow = AccountRow & { user_count: number | string; vote_count: number | string };
const toSummary = (row: SummaryRow): AccountSummary => ({ ...toAccount(row), users: toNumber(row.user_count), votes: toNumber(row.vote_count) });

const ACCOUNT_ORDER = {
  // Each matches an index of migration 0004.
  revenue: 'a.monthly_amount desc, a.id',
  name: 'lower(coalesce(a.name, a.external_id)), a.id',
} as const;

/** A sort order of the account list. */
export type AccountSort = keyof typeof ACCOUNT_ORDER;

/**
 * A page of a project's accounts that have users, in `sort` order; `search` matches the
 * name or external id (case-insensitive substring).
 */
export async function listAccounts(
  q: Queryable,
  projectId: string,
  options: { sort: AccountSort; limit: number; offset: number; search?: string | undefined },
): Promise<AccountSummary[]> {
  const search = options.search === undefined || options.search === '' ? null : `%${options.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await q.query<SummaryRow>(
    `${SUMMARY} where a.project_id = $1
       and exists (select 1 from users u where u.account_id = a.id)
       and ($4::text is null or a.name ilike $4 or a.external_id ilike $4)
     order by ${ACCOUNT_ORDER[options.sort]} limit $2 offset $3`,
    [projectId, options.limit, options.offset, search],
  );
  return rows.map(toSummary);
}

/** One account of a project, by id. */
export async function findAccountSummary(q: Queryable, projectId: string, accountId: string): Promise<AccountSummary | undefined> {
  const [row] = await q.query<SummaryRow>(`${SUMMARY} where a.project_id = $1 and a.id = $2`, [projectId, accountId]);
  return row && toSummary(row);
}

/** The accounts with these ids (for grouping voters), highest monthly amount first. */
export async function findAccountSummaries(q: Queryable, accountIds: readonly string[]): Promise<AccountSummary[]> {
  if (accountIds.length === 0) return [];
  const rows = await q.query<SummaryRow>(`${SUMMARY} where a.id = any($1::text[]) order by a.monthly_amount desc, a.id`, [[...new Set(accountIds)]]);
  return rows.map(toSummary);
}

/** The requests an account's users voted for, highest revenue first. */
export async function listAccountRequests(
  q: Queryable,
  accountId: string,
  page: { limit: number },
): Promise<{ id: string; title: string; status: RequestStatus; voters: number }[]> {
  return q.query(
    `select r.id, r.title, r.status, ra.voters from request_accounts ra join requests r on r.id = ra.request_id
     where ra.account_id = $1 and ra.voters > 0 order by r.monthly_revenue desc, r.id limit $2`,
    [accountId, page.limit],
  );
}
