import type { Queryable } from '../database.js';

/** An encrypted secret that can still verify tokens. */
export interface ActiveSecretRecord {
  id: string;
  encryptedSecret: string;
  state: 'current' | 'previous';
  /** When a previous secret stops verifying; null for the current one. */
  validUntil: Date | null;
}

export async function insertCurrentSecret(q: Queryable, secret: { id: string; projectId: string; encryptedSecret: string }): Promise<void> {
  await q.query(`insert into project_secrets (id, project_id, encrypted_secret, state) values ($1, $2, $3, 'current')`, [
    secret.id,
    secret.projectId,
    secret.encryptedSecret,
  ]);
}

/**
 * Makes the current secret the previous one until `validUntil` (or retires it at once when
 * null); an older previous secret is retired, so at most two secrets verify at a time.
 */
export async function demoteCurrentSecret(q: Queryable, projectId: string, validUntil: Date | null): Promise<void> {
  await q.query(`update project_secrets set state = 'retired' where project_id = $1 and state = 'previous'`, [projectId]);
  await q.query(
    `update project_secrets set state = case when $2::timestamptz is null then 'retired' else 'previous' end, valid_until = $2
     where project_id = $1 and state = 'current'`,
    [projectId, validUntil],
  );
}

/** Ends the previous secret's grace period now; returns whether there was one. */
export async function retirePreviousSecret(q: Queryable, projectId: string): Promise<boolean> {
  const rows = await q.query(
    `update project_secrets set state = 'retired', valid_until = least(valid_until, now())
     where project_id = $1 and state = 'previous' and valid_until > now() returning id`,
    [projectId],
  );
  return rows.length > 0;
}

/** The current secret and a previous one still inside its grace period, current first. */
export async function listActiveSecrets(q: Queryable, projectId: string): Promise<ActiveSecretRecord[]> {
  const rows = await q.query<{ id: string; encrypted_secret: string; state: 'current' | 'previous'; valid_until: Date | null }>(
    `select id, encrypted_secret, state, valid_until from project_secrets
     where project_id = $1 and (state = 'current' or (state = 'previous' and valid_until > now()))
     order by (state = 'current') desc, created_at desc`,
    [projectId],
  );
  return rows.map((row) => ({ id: row.id, encryptedSecret: row.encrypted_secret, state: row.state, validUntil: row.valid_until }));
}
