import type { MemberRole, PendingInvite } from '@reqio/shared';
import type { Queryable } from '../database.js';
import { toIso } from '../row-values.js';

/** What a one-time link is for: joining the team, or choosing a new password. */
export type MemberLinkPurpose = 'invite' | 'reset';

/** A one-time link as stored: by the hash of its token only. */
export interface MemberLinkRecord {
  purpose: MemberLinkPurpose;
  email: string;
  /** The role an invite grants. */
  role: MemberRole | null;
  /** The account a reset link is for. */
  ownerId: string | null;
  expiresAt: Date;
  usedAt: Date | null;
}

type LinkRow = { purpose: MemberLinkPurpose; email: string; role: MemberRole | null; owner_id: string | null; expires_at: Date; used_at: Date | null };
const toLink = (row: LinkRow): MemberLinkRecord => ({
  purpose: row.purpose,
  email: row.email,
  role: row.role,
  ownerId: row.owner_id,
  expiresAt: new Date(row.expires_at),
  usedAt: row.used_at && new Date(row.used_at),
});

/** Stores a link by the hash of its token. */
export async function insertMemberLink(
  q: Queryable,
  link: { tokenHash: string; purpose: MemberLinkPurpose; email: string; role?: MemberRole; ownerId?: string; createdBy?: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await q.query(
    'insert into member_links (token_hash, purpose, email, role, owner_id, created_by, created_at, expires_at) values ($1, $2, $3, $4, $5, $6, $7, $8)',
    [link.tokenHash, link.purpose, link.email, link.role ?? null, link.ownerId ?? null, link.createdBy ?? null, link.createdAt, link.expiresAt],
  );
}

/** The link with this hash, used or not, expired or not; undefined when there is none. */
export async function findMemberLink(q: Queryable, tokenHash: string): Promise<MemberLinkRecord | undefined> {
  const [row] = await q.query<LinkRow>('select purpose, email, role, owner_id, expires_at, used_at from member_links where token_hash = $1', [tokenHash]);
  return row && toLink(row);
}

/** Marks the link used if it is still unused and unexpired at `now`, locking it; the link, or undefined. */
export async function spendMemberLink(q: Queryable, tokenHash: string, now: Date): Promise<MemberLinkRecord | undefined> {
  const [row] = await q.query<LinkRow>(
    'update member_links set used_at = $2 where token_hash = $1 and used_at is null and expires_at > $2 returning purpose, email, role, owner_id, expires_at, used_at',
    [tokenHash, now],
  );
  return row && toLink(row);
}

/** Invites still waiting at `now`, newest first. */
export async function listPendingInvites(q: Queryable, now: Date): Promise<PendingInvite[]> {
  const rows = await q.query<{ email: string; role: MemberRole; created_at: Date; expires_at: Date }>(
    "select email, role, created_at, expires_at from member_links where purpose = 'invite' and used_at is null and expires_at > $1 order by created_at desc",
    [now],
  );
  return rows.map((row) => ({ email: row.email, role: row.role, createdAt: toIso(row.created_at), expiresAt: toIso(row.expires_at) }));
}

/** Ends the unused links of one purpose for an email (a new invite or reset replaces the old). */
export async function retireMemberLinks(q: Queryable, purpose: MemberLinkPurpose, email: string, now: Date): Promise<void> {
  await q.query('update member_links set used_at = $3 where purpose = $1 and email = $2 and used_at is null', [purpose, email, now]);
}
