import type { ProjectMoney } from '@reqio/shared';
import type { Queryable } from '../database.js';
import { toIso } from '../row-values.js';

/** A project's settings as stored. */
export interface ProjectRecord {
  id: string;
  name: string;
  allowedOrigins: string[];
  extraAudiences: string[];
  leewaySeconds: number;
  requireIdentity: boolean;
  /** Bumped to revoke every widget session of the project at once. */
  sessionEpoch: number;
  /** ISO 4217: what revenue is counted in. */
  currency: string;
  /** Units of `currency` per one unit of each key's currency. */
  exchangeRates: Record<string, number>;
  createdAt: string;
  updatedAt: string;
}

/** The settings a project's owners may change. */
export interface ProjectSettings {
  name: string;
  allowedOrigins: string[];
  extraAudiences: string[];
  leewaySeconds: number;
  requireIdentity: boolean;
}

type ProjectRow = {
  id: string;
  name: string;
  allowed_origins: string[];
  extra_audiences: string[];
  leeway_seconds: number;
  require_identity: boolean;
  session_epoch: number;
  currency: string;
  exchange_rates: Record<string, number>;
  created_at: Date;
  updated_at: Date;
};

const toProject = (row: ProjectRow): ProjectRecord => ({
  id: row.id,
  name: row.name,
  allowedOrigins: row.allowed_origins,
  extraAudiences: row.extra_audiences,
  leewaySeconds: row.leeway_seconds,
  requireIdentity: row.require_identity,
  sessionEpoch: row.session_epoch,
  currency: row.currency,
  exchangeRates: row.exchange_rates,
  createdAt: toIso(row.created_at),
  updatedAt: toIso(row.updated_at),
});

export async function insertProject(q: Queryable, project: { id: string } & ProjectSettings): Promise<ProjectRecord> {
  const [row] = await q.query<ProjectRow>(
    `insert into projects (id, name, allowed_origins, extra_audiences, leeway_seconds, require_identity)
     values ($1, $2, $3, $4, $5, $6) returning *`,
    [project.id, project.name, project.allowedOrigins, project.extraAudiences, project.leewaySeconds, project.requireIdentity],
  );
  return toProject(row!);
}

export async function findProject(q: Queryable, projectId: string): Promise<ProjectRecord | undefined> {
  const [row] = await q.query<ProjectRow>('select * from projects where id = $1', [projectId]);
  return row && toProject(row);
}

export async function listProjects(q: Queryable): Promise<ProjectRecord[]> {
  return (await q.query<ProjectRow>('select * from projects order by created_at, id')).map(toProject);
}

export async function updateProject(q: Queryable, projectId: string, settings: Partial<ProjectSettings>): Promise<ProjectRecord | undefined> {
  const [row] = await q.query<ProjectRow>(
    `update projects set
       name = coalesce($2, name),
       allowed_origins = coalesce($3, allowed_origins),
       extra_audiences = coalesce($4, extra_audiences),
       leeway_seconds = coalesce($5, leeway_seconds),
       require_identity = coalesce($6, require_identity),
       updated_at = now()
     where id = $1 returning *`,
    [
      projectId,
      settings.name ?? null,
      settings.allowedOrigins ?? null,
      settings.extraAudiences ?? null,
      settings.leewaySeconds ?? null,
      settings.requireIdentity ?? null,
    ],
  );
  return row && toProject(row);
}

/** Revokes every widget session of the project. */
export async function bumpSessionEpoch(q: Queryable, projectId: string): Promise<void> {
  await q.query('update projects set session_epoch = session_epoch + 1, updated_at = now() where id = $1', [projectId]);
}

/**
 * The project's currency and rates, locked FOR SHARE so a rate change (FOR NO KEY UPDATE)
 * waits for the transaction that converts an amount with them, and vice versa, while
 * identifies share it.
 */
export async function lockProjectMoney(q: Queryable, projectId: string): Promise<ProjectMoney | undefined> {
  const [row] = await q.query<{ currency: string; exchange_rates: Record<string, number> }>(
    'select currency, exchange_rates from projects where id = $1 for share',
    [projectId],
  );
  return row && { currency: row.currency, exchangeRates: row.exchange_rates };
}

/**
 * Locks the project's money settings for a change and returns them. FOR NO KEY UPDATE, not
 * FOR UPDATE: a vote's foreign-key check takes a key-share lock on its project after the
 * voter's user and account locks, so a FOR UPDATE here (taken before the users and accounts
 * a rate change re-weighs) could deadlock with it.
 */
export async function lockProjectMoneyForUpdate(q: Queryable, projectId: string): Promise<ProjectMoney | undefined> {
  const [row] = await q.query<{ currency: string; exchange_rates: Record<string, number> }>(
    'select currency, exchange_rates from projects where id = $1 for no key update',
    [projectId],
  );
  return row && { currency: row.currency, exchangeRates: row.exchange_rates };
}

/** Stores a project's currency and rates (the caller re-weighs the accounts). */
export async function setProjectMoney(q: Queryable, projectId: string, money: ProjectMoney): Promise<void> {
  await q.query('update projects set currency = $2, exchange_rates = $3::jsonb, updated_at = now() where id = $1', [
    projectId,
    money.currency,
    JSON.stringify(money.exchangeRates),
  ]);
}
