import type { Queryable } from '../database.js';

/** Keeps a TOTP key being set up (encrypted); refused (false) while two-factor sign-in is on. */
export async function storePendingTotpSecret(q: Queryable, ownerId: string, encryptedSecret: string): Promise<boolean> {
  const rows = await q.query('update owners set totp_secret = $2, totp_last_counter = null where id = $1 and totp_enabled_at is null returning 1', [ownerId, encryptedSecret]);
  return rows.length > 0;
}

/** The account's TOTP key (encrypted), whether it is in use, and the last time step a code was accepted for. */
export async function findTotpState(q: Queryable, ownerId: string): Promise<{ secret: string | null; enabled: boolean; lastCounter: number | null } | undefined> {
  const [row] = await q.query<{ totp_secret: string | null; totp_enabled_at: Date | null; totp_last_counter: number | string | null }>(
    'select totp_secret, totp_enabled_at, totp_last_counter from owners where id = $1',
    [ownerId],
  );
  return row && { secret: row.totp_secret, enabled: row.totp_enabled_at !== null, lastCounter: row.totp_last_counter === null ? null : Number(row.totp_last_counter) };
}

/**
 * Accepts a code's time step only if it is later than the last accepted one: one code
 * (and any earlier one) works once, even from two requests at the same moment.
 */
export async function advanceTotpCounter(q: Queryable, ownerId: string, counter: number): Promise<boolean> {
  const rows = await q.query('update owners set totp_last_counter = $2 where id = $1 and (totp_last_counter is null or totp_last_counter < $2) returning 1', [ownerId, counter]);
  return rows.length > 0;
}

/** Turns two-factor sign-in on with the key being set up, replacing the recovery codes with these hashes. */
export async function enableTotp(q: Queryable, ownerId: string, at: Date, recoveryCodeHashes: string[]): Promise<void> {
  await q.query('update owners set totp_enabled_at = $2 where id = $1', [ownerId, at]);
  await q.query('delete from owner_recovery_codes where owner_id = $1', [ownerId]);
  await q.query('insert into owner_recovery_codes (owner_id, code_hash) select $1, unnest($2::text[])', [ownerId, recoveryCodeHashes]);
}

/** Turns two-factor sign-in off: the key, its counter and the recovery codes go. */
export async function disableTotp(q: Queryable, ownerId: string): Promise<void> {
  await q.query('update owners set totp_secret = null, totp_enabled_at = null, totp_last_counter = null where id = $1', [ownerId]);
  await q.query('delete from owner_recovery_codes where owner_id = $1', [ownerId]);
}

/** Spends an unused recovery code; true once per code. */
export async function spendRecoveryCode(q: Queryable, ownerId: string, codeHash: string, at: Date): Promise<boolean> {
  const rows = await q.query('update owner_recovery_codes set used_at = $3 where owner_id = $1 and code_hash = $2 and used_at is null returning 1', [ownerId, codeHash, at]);
  return rows.length > 0;
}

/** How many recovery codes the account has left. */
export async function countRecoveryCodes(q: Queryable, ownerId: string): Promise<number> {
  const [row] = await q.query<{ count: number | string }>('select count(*) as count from owner_recovery_codes where owner_id = $1 and used_at is null', [ownerId]);
  return Number(row!.count);
}
