import type { MemberRole } from '@reqio/shared';
import type { Queryable } from '../database.js';
import { toIso, toNumber } from '../row-values.js';

/**
 * A dashboard account (a team member; the table keeps its first name, `owners`) as stored:
 * the password only as its scrypt hash, the TOTP key encrypted.
 */
export interface OwnerRecord {
  id: string;
  email: string;
  name: string;
  role: MemberRole;
  passwordHash: string;
  /** The encrypted TOTP key: being set up while `totpEnabledAt` is null, in use once it is set. */
  totpSecret: string | null;
  totpEnabledAt: string | null;
  createdAt: string;
}

type OwnerRow = {
  id: string;
  email: string;
  name: string;
  role: MemberRole;
  password_hash: string;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  created_at: Date;
};
const toOwner = (row: OwnerRow): OwnerRecord => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  passwordHash: row.password_hash,
  totpSecret: row.totp_secret,
  totpEnabledAt: row.totp_enabled_at && toIso(row.totp_enabled_at),
  createdAt: toIso(row.created_at),
});

// Any constant works; it only has to be the same for every instance.
const FIRST_OWNER_LOCK = 7_263_002;

export async function countOwners(q: Queryable): Promise<number> {
  const [row] = await q.query<{ count: number | string }>('select count(*) as count from owners');
  return toNumber(row!.count);
}

export async function findOwnerByEmail(q: Queryable, email: string): Promise<OwnerRecord | undefined> {
  const [row] = await q.query<OwnerRow>('select * from owners where email = $1', [email]);
  return row && toOwner(row);
}

export async function findOwnerById(q: Queryable, ownerId: string): Promise<OwnerRecord | undefined> {
  const [row] = await q.query<OwnerRow>('select * from owners where id = $1', [ownerId]);
  return row && toOwner(row);
}

/** Takes the lock that serialises creating the first owner (instances sharing one PostgreSQL take turns); call inside a transaction. */
export async function lockFirstOwner(q: Queryable): Promise<void> {
  await q.query('select pg_advisory_xact_lock($1)', [FIRST_OWNER_LOCK]);
}

export async function insertOwner(q: Queryable, owner: { id: string; email: string; name?: string; role: MemberRole; passwordHash: string }): Promise<OwnerRecord> {
  const [row] = await q.query<OwnerRow>('insert into owners (id, email, name, role, password_hash) values ($1, $2, $3, $4, $5) returning *', [
    owner.id,
    owner.email,
    owner.name ?? '',
    owner.role,
    owner.passwordHash,
  ]);
  return toOwner(row!);
}

/** Stores a setup link by the hash of its token. */
export async function insertSetupLink(q: Queryable, link: { tokenHash: string; expiresAt: Date }): Promise<void> {
  await q.query('insert into owner_setup_links (token_hash, expires_at) values ($1, $2)', [link.tokenHash, link.expiresAt]);
  // Expired and used links are of no further use; keep the table small.
  await q.query('delete from owner_setup_links where expires_at < now() - interval \'1 day\'');
}

/** Whether an unused, unexpired setup link has this hash. */
export async function isSetupLinkUsable(q: Queryable, tokenHash: string): Promise<boolean> {
  const rows = await q.query('select 1 from owner_setup_links where token_hash = $1 and used_at is null and expires_at > now()', [tokenHash]);
  return rows.length > 0;
}

/** Marks the link used if it is unused and unexpired; returns whether it was. */
export async function consumeSetupLink(q: Queryable, tokenHash: string): Promise<boolean> {
  const rows = await q.query(
    'update owner_setup_links set used_at = now() where token_hash = $1 and used_at is null and expires_at > now() returning token_hash',
    [tokenHash],
  );
  return rows.length > 0;
}

/**
 * Stores a session by the hash of its token. An unverified one is half a sign-in: the
 * password was right, the two-factor code is still to come.
 */
export async function insertOwnerSession(q: Queryable, session: { tokenHash: string; ownerId: string; expiresAt: Date; verified?: boolean }): Promise<void> {
  await q.query('insert into owner_sessions (token_hash, owner_id, expires_at, verified) values ($1, $2, $3, $4)', [
    session.tokenHash,
    session.ownerId,
    session.expiresAt,
    session.verified ?? true,
  ]);
  await q.query('delete from owner_sessions where owner_id = $1 and expires_at < now()', [session.ownerId]);
}

/** The account behind a live session, as each request sees it. */
export interface SessionOwner {
  id: string;
  email: string;
  name: string;
  role: MemberRole;
  twoFactorEnabled: boolean;
  /** The team requires two-factor sign-in and this account has not set it up. */
  twoFactorSetupRequired: boolean;
}

type SessionOwnerRow = { id: string; email: string; name: string; role: MemberRole; two_factor: boolean; required: boolean };

/** The account of a live session by the hash of its token (one round trip, the team's two-factor rule included); `verified: false` finds half sign-ins. */
export async function findOwnerBySession(q: Queryable, tokenHash: string, options: { verified?: boolean } = {}): Promise<SessionOwner | undefined> {
  const [row] = await q.query<SessionOwnerRow>(
    `select owners.id, owners.email, owners.name, owners.role, owners.totp_enabled_at is not null as two_factor,
       coalesce((select value = 'true' from service_settings where key = 'require_two_factor'), false) as required
     from owner_sessions join owners on owners.id = owner_sessions.owner_id
     where owner_sessions.token_hash = $1 and owner_sessions.expires_at > now() and owner_sessions.verified = $2`,
    [tokenHash, options.verified ?? true],
  );
  return (
    row && {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      twoFactorEnabled: row.two_factor,
      twoFactorSetupRequired: row.required && !row.two_factor,
    }
  );
}

/** Completes a half sign-in: the session becomes a full one until `expiresAt`. */
export async function verifyOwnerSession(q: Queryable, tokenHash: string, expiresAt: Date): Promise<boolean> {
  const rows = await q.query('update owner_sessions set verified = true, expires_at = $2 where token_hash = $1 and verified = false and expires_at > now() returning 1', [tokenHash, expiresAt]);
  return rows.length > 0;
}

/** Ends every session of an account but `keepTokenHash` (a password change keeps the session that made it). */
export async function deleteOwnerSessions(q: Queryable, ownerId: string, keepTokenHash?: string): Promise<number> {
  const rows = await q.query('delete from owner_sessions where owner_id = $1 and token_hash is distinct from $2 returning 1', [ownerId, keepTokenHash ?? null]);
  return rows.length;
}

/** Records that the session's password (and code) were just entered again. */
export async function markSessionSteppedUp(q: Queryable, tokenHash: string, at: Date): Promise<void> {
  await q.query('update owner_sessions set stepped_up_at = $2 where token_hash = $1', [tokenHash, at]);
}

/** Spends a step-up made since `since`: true once per step-up, so each sensitive action asks again. */
export async function spendSessionStepUp(q: Queryable, tokenHash: string, since: Date): Promise<boolean> {
  const rows = await q.query('update owner_sessions set stepped_up_at = null where token_hash = $1 and stepped_up_at >= $2 returning 1', [tokenHash, since]);
  return rows.length > 0;
}

export async function deleteOwnerSession(q: Queryable, tokenHash: string): Promise<void> {
  await q.query('delete from owner_sessions where token_hash = $1', [tokenHash]);
}
