import type { Queryable } from '../database.js';
import { toIso, toNumber } from '../row-values.js';

/** A dashboard owner as stored; the password only as its scrypt hash. */
export interface OwnerRecord {
  id: string;
  email: string;
  passwordHash: string;
  createdAt: string;
}

type OwnerRow = { id: string; email: string; password_hash: string; created_at: Date };
const toOwner = (row: OwnerRow): OwnerRecord => ({ id: row.id, email: row.email, passwordHash: row.password_hash, createdAt: toIso(row.created_at) });

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

export async function insertOwner(q: Queryable, owner: { id: string; email: string; passwordHash: string }): Promise<OwnerRecord> {
  const [row] = await q.query<OwnerRow>('insert into owners (id, email, password_hash) values ($1, $2, $3) returning *', [
    owner.id,
    owner.email,
    owner.passwordHash,
  ]);
  return toOwner(row!);
}

/** Stores a setup link by the hash of its token, ending every earlier unused one (one link works at a time). */
export async function insertSetupLink(q: Queryable, link: { tokenHash: string; expiresAt: Date }): Promise<void> {
  await q.query('delete from owner_setup_links where used_at is null');
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

export async function insertOwnerSession(q: Queryable, session: { tokenHash: string; ownerId: string; expiresAt: Date }): Promise<void> {
  await q.query('insert into owner_sessions (token_hash, owner_id, expires_at) values ($1, $2, $3)', [session.tokenHash, session.ownerId, session.expiresAt]);
  await q.query('delete from owner_sessions where owner_id = $1 and expires_at < now()', [session.ownerId]);
}

/** The owner of a live session, by the hash of its token. */
export async function findOwnerBySession(q: Queryable, tokenHash: string): Promise<{ id: string; email: string } | undefined> {
  const [row] = await q.query<{ id: string; email: string }>(
    `select owners.id, owners.email from owner_sessions join owners on owners.id = owner_sessions.owner_id
     where owner_sessions.token_hash = $1 and owner_sessions.expires_at > now()`,
    [tokenHash],
  );
  return row;
}

export async function deleteOwnerSession(q: Queryable, tokenHash: string): Promise<void> {
  await q.query('delete from owner_sessions where token_hash = $1', [tokenHash]);
}
