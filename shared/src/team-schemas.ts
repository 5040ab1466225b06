import { z } from 'zod';
import { emailSchema } from './identity-claims-schema.js';

/** Dashboard roles (CONTRACT §9): `admin` does everything, `member` does backlog work and never sees a secret. */
export const MEMBER_ROLES = ['admin', 'member'] as const;

/** A role from {@link MEMBER_ROLES}. */
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** The shortest dashboard password: long beats complex. */
export const MIN_PASSWORD_LENGTH = 12;

/** A role, with a message naming both. */
export const memberRoleSchema = z.enum(MEMBER_ROLES, { error: 'must be admin or member' });

/** A dashboard account's email: trimmed and lower-cased before it is checked. */
export const memberEmailSchema = z.preprocess((value) => (typeof value === 'string' ? value.trim().toLowerCase() : value), emailSchema);

/** A password being chosen: at least {@link MIN_PASSWORD_LENGTH} characters. */
export const newPasswordSchema = z
  .string({ error: 'is required' })
  .min(MIN_PASSWORD_LENGTH, { error: `must be at least ${MIN_PASSWORD_LENGTH} characters` })
  .max(256, { error: 'must be at most 256 characters' });

/** A password being entered. */
export const passwordSchema = z.string({ error: 'is required' }).min(1, { error: 'is required' }).max(256, { error: 'must be at most 256 characters' });

/** A six-digit TOTP code or a recovery code (`xxxxx-xxxxx`); spaces are ignored. */
export const twoFactorCodeSchema = z
  .string({ error: 'is required' })
  .transform((value) => value.replace(/\s+/g, '').toLowerCase())
  .pipe(z.string().regex(/^(\d{6}|[a-z0-9]{5}-?[a-z0-9]{5})$/, { error: 'must be the 6-digit code or a recovery code' }));

/** A one-time link's token (invite or password reset). */
export const linkTokenSchema = z.string({ error: 'is required' }).min(1, { error: 'is required' }).max(200, { error: 'is too long' });

/** Body of `POST /dashboard/api/members/invites`. */
export const inviteMemberBodySchema = z.object({ email: memberEmailSchema, role: memberRoleSchema });

/** Body of `PATCH /dashboard/api/members/:memberId`. */
export const updateMemberBodySchema = z.object({ role: memberRoleSchema });

/** Body of `POST /dashboard/api/links/check`. */
export const checkLinkBodySchema = z.object({ token: linkTokenSchema });

/** Body of `POST /dashboard/api/invites/accept`: the new member's name and password. */
export const acceptInviteBodySchema = z.object({
  token: linkTokenSchema,
  name: z.string({ error: 'is required' }).trim().min(1, { error: 'is required' }).max(100, { error: 'must be at most 100 characters' }),
  password: newPasswordSchema,
});

/** Body of `POST /dashboard/api/password/reset`. */
export const resetPasswordBodySchema = z.object({ token: linkTokenSchema, password: newPasswordSchema });

/** Body of `POST /dashboard/api/account/password`. */
export const changePasswordBodySchema = z.object({ currentPassword: passwordSchema, newPassword: newPasswordSchema });

/** Body of `POST /dashboard/api/step-up`: the password again, and the code when two-factor sign-in is on. */
export const stepUpBodySchema = z.object({ password: passwordSchema, code: twoFactorCodeSchema.optional() });

/** Body of `POST /dashboard/api/login/two-factor` and `…/account/two-factor/confirm`. */
export const twoFactorCodeBodySchema = z.object({ code: twoFactorCodeSchema });

/** Body of `POST /dashboard/api/account/two-factor/disable`. */
export const disableTwoFactorBodySchema = z.object({ password: passwordSchema, code: twoFactorCodeSchema });

/** Body of `PATCH /dashboard/api/team/settings`. */
export const teamSettingsBodySchema = z.object({ requireTwoFactor: z.boolean({ error: 'must be true or false' }) });

/** A dashboard account as the team page lists it. */
export interface TeamMember {
  id: string;
  email: string;
  name: string;
  role: MemberRole;
  twoFactorEnabled: boolean;
  createdAt: string;
}

/** An invite not yet accepted (never its link: only the hash of its token is kept). */
export interface PendingInvite {
  email: string;
  role: MemberRole;
  createdAt: string;
  expiresAt: string;
}

/** Answer of `GET /dashboard/api/members`. */
export interface TeamAnswer {
  members: TeamMember[];
  invites: PendingInvite[];
  requireTwoFactor: boolean;
  /** Whether invites are also emailed (SMTP is set up). */
  emailsInvites: boolean;
}

/** Answer of `POST /dashboard/api/members/invites`: the link to hand over, shown this once. */
export interface InviteAnswer {
  link: string;
  expiresAt: string;
  emailed: boolean;
}

/** The signed-in member, as the dashboard's session answer gives them. */
export interface SignedInMember {
  id: string;
  email: string;
  name: string;
  role: MemberRole;
  twoFactorEnabled: boolean;
}

/** `GET /dashboard/api/session`. */
export interface SessionAnswer {
  state: 'setup_required' | 'signed_out' | 'two_factor_required' | 'signed_in';
  owner: SignedInMember | null;
  csrfToken: string;
  minPasswordLength: number;
  /** Signed in, but the team requires two-factor sign-in and this account has not set it up yet. */
  twoFactorSetupRequired: boolean;
}

/** Answer of `POST /dashboard/api/links/check`: what a one-time link is for. */
export interface LinkAnswer {
  purpose: 'invite' | 'reset';
  email: string;
}

/** Answer of `POST /dashboard/api/account/two-factor/setup`: scan the QR code or type the key. */
export interface TwoFactorSetupAnswer {
  /** The base32 key, for apps that cannot scan. */
  key: string;
  otpauthUrl: string;
  /** The QR code of `otpauthUrl`, rendered by the service as SVG. */
  qrSvg: string;
}
