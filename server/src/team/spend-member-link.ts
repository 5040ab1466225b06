import type { LinkAnswer } from '@reqio/shared';
import type { Queryable } from '../storage/database.js';
import { findMemberLink, spendMemberLink, type MemberLinkPurpose, type MemberLinkRecord } from '../storage/team/member-link-queries.js';
import { MemberLinkError } from './errors/member-link-error.js';
import { hashSetupToken } from './hash-setup-token.js';

/** Why a link found in the store cannot be used now, or undefined when it can. */
function refusal(link: MemberLinkRecord | undefined, purpose: MemberLinkPurpose | undefined, now: Date): MemberLinkError | undefined {
  if (link === undefined || (purpose !== undefined && link.purpose !== purpose)) return new MemberLinkError('invalid');
  if (link.usedAt !== null) return new MemberLinkError('used');
  if (link.expiresAt <= now) return new MemberLinkError('expired');
  return undefined;
}

/** What a one-time link is for, without spending it; 400 `link_invalid` or 410 `link_expired` when it cannot be used. */
export async function checkMemberLink(db: Queryable, token: string): Promise<LinkAnswer> {
  const link = await findMemberLink(db, hashSetupToken(token));
  const refused = refusal(link, undefined, new Date());
  if (refused !== undefined) throw refused;
  return { purpose: link!.purpose, email: link!.email };
}

/** Spends a one-time link of `purpose` inside the caller's transaction, or throws the same errors as {@link checkMemberLink}. */
export async function spendLink(tx: Queryable, token: string, purpose: MemberLinkPurpose): Promise<MemberLinkRecord> {
  const tokenHash = hashSetupToken(token);
  const now = new Date();
  const spent = await spendMemberLink(tx, tokenHash, now);
  if (spent !== undefined && spent.purpose === purpose) return spent;
  throw refusal(spent ?? (await findMemberLink(tx, tokenHash)), purpose, now) ?? new MemberLinkError('invalid');
}
