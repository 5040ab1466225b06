import type { TeamAnswer } from '@reqio/shared';
import type { Queryable } from '../storage/database.js';
import { listPendingInvites } from '../storage/team/member-link-queries.js';
import { listMembers } from '../storage/team/member-queries.js';
import { readServiceSetting } from '../storage/settings/service-setting-queries.js';

/** The team page: members, invites still waiting, whether two-factor sign-in is required, whether invites are emailed. */
export async function listTeam(db: Queryable, options: { emailsInvites: boolean }): Promise<TeamAnswer> {
  const [members, invites, required] = await Promise.all([listMembers(db), listPendingInvites(db, new Date()), readServiceSetting(db, 'require_two_factor')]);
  return { members, invites, requireTwoFactor: required === 'true', emailsInvites: options.emailsInvites };
}
