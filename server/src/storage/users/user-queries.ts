import type { NormalizedTraits } from '@reqio/shared';
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
  monthlyAmount: number;
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
  monthlyAmount: number;
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
  createdAt: toIso(row.created_at),
  lastSeenAt: toIso(row.last_seen_at),
});

/**
 * Creates or updates the user for `externalId`, holding the row's lock until the
 * transaction ends, and returns it with the monthly amount it had before (0 when new).
 */
export async function upsertUser(
  q: Queryable,
  user: { id: string; projectId: string; externalId: string } & UserIdentity,
): Promise<{ user: UserRecord; previousMonthlyAmount: number; created: boolean }> {
  const values = [user.email, user.name, user.plan, JSON.stringify(user.traits), JSON.stringify(user.rawTraits ?? null), user.monthlyAmount];
  const [inserted] = await q.query<UserRow>(
    `insert into users (id, project_id, external_id, email, name, plan, traits, raw_traits, monthly_amount)
     values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9)
     on conflict (project_id, external_id) do nothing returning *`,
    [user.id, user.projectId, user.externalId, ...values],
  );
  if (inserted) return { user: toUser(inserted), previousMonthlyAmount: 0, created: true };

  const [existing] = await q.query<{ id: string; monthly_amount: number | string }>(
    'select id, monthly_amount from users where project_id = $1 and external_id = $2 for update',
    [user.projectId, user.externalId],
  );
  const [updated] = await q.query<UserRow>(
    `update users set email = $2, name = $3, plan = $4, traits = $5::jsonb, raw_traits = $6::jsonb, monthly_amount = $7, last_seen_at = now()
     where id = $1 returning *`,
    [existing!.id, ...values],
  );
  return { user: toUser(updated!), previousMonthlyAmount: toNumber(existing!.monthly_amount), created: false };
}

/** The user's monthly amount, locking the row against a concurrent revenue change until the transaction ends. */
export async function lockUserRevenue(q: Queryable, userId: string): Promise<number | undefined> {
  const [row] = await q.query<{ monthly_amount: number | string }>('select monthly_amount from users where id = $1 for share', [userId]);
  return row && toNumber(row.monthly_amount);
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

export async function countUsers(q: Queryable, projectId: string): Promise<number> {
  const [row] = await q.query<{ count: number | string }>('select count(*) as count from users where project_id = $1', [projectId]);
  return toNumber(row!.count);
}

/** Locks a user's row for deletion; returns its monthly amount, or undefined when there is no such user. */
export async function lockUserForDelete(q: Queryable, projectId: string, externalId: string): Promise<{ id: string; monthlyAmount: number } | undefined> {
  const [row] = await q.query<{ id: string; monthly_amount: number | string }>(
    'select id, monthly_amount from users where project_id = $1 and external_id = $2 for update',
    [projectId, externalId],
  );
  return row && { id: row.id, monthlyAmount: toNumber(row.monthly_amount) };
}

export async function deleteUserRow(q: Queryable, userId: string): Promise<void> {
  await q.query('delete from users where id = $1', [userId]);
}
