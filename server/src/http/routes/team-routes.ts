import type { Request, Response } from 'express';
import {
  acceptInviteBodySchema,
  changePasswordBodySchema,
  checkLinkBodySchema,
  inviteMemberBodySchema,
  disableTwoFactorBodySchema,
  resetPasswordBodySchema,
  stepUpBodySchema,
  teamSettingsBodySchema,
  twoFactorCodeBodySchema,
  updateMemberBodySchema,
} from '@reqio/shared';
import { ConflictError } from '../../errors/conflict-error.js';
import { UnauthorizedError } from '../../errors/unauthorized-error.js';
import { readServiceSetting, writeServiceSetting } from '../../storage/settings/service-setting-queries.js';
import { TwoFactorCodeError } from '../../team/errors/two-factor-code-error.js';
import { confirmTwoFactor, disableTwoFactor, startTwoFactorSetup, verifyTwoFactor } from '../../team/two-factor/two-factor-service.js';
import { auditActorOf } from '../../services/audit/audit-actor.js';
import { acceptInvite } from '../../team/accept-invite.js';
import { authenticateOwner } from '../../team/authenticate-owner.js';
import { callerOf } from '../../team/authorize-route.js';
import { changeMemberRole } from '../../team/change-member-role.js';
import { changePassword } from '../../team/change-password.js';
import { inviteMember } from '../../team/invite-member.js';
import { listTeam } from '../../team/list-team.js';
import { removeMember } from '../../team/remove-member.js';
import { ownerSessionOf } from '../../team/require-owner.js';
import { resetPassword } from '../../team/reset-password.js';
import { checkMemberLink } from '../../team/spend-member-link.js';
import type { AppDeps } from '../app-deps.js';
import { parseInput } from '../parse-input.js';
import { MEMBERS, type RouteAccess, type RouteBuilder, type RouteSpec } from '../route-spec.js';
import { loginBodySchema } from './dashboard-schemas.js';
import { ipOf, openRoute, signedOutAnswer, type DashboardApiDeps } from './dashboard-api-deps.js';

const memberIdOf = (request: Request) => String(request.params.memberId);

/** Setting up two-factor sign-in: open to every account, also one the team is waiting on to set it up. */
const TWO_FACTOR_SETUP: RouteAccess = { role: 'member', duringTwoFactorSetup: true };

/**
 * The team's routes under `/dashboard/api` (CONTRACT §9): signing in and out, the password,
 * the members and their invites. `dashboardRoutes` appends these, built with its `route`.
 */
export function teamRoutes(deps: AppDeps, api: DashboardApiDeps, route: RouteBuilder): RouteSpec[] {
  const { sessions, limiter } = api;
  const publicUrl = deps.config.publicUrl;

  /** Checks an account's password under the limits (per account and IP, per IP). */
  const checkPassword = async (request: Request, who: { email: string } | { ownerId: string; email: string }, password: string) => {
    await limiter.spend(ipOf(request), who.email);
    const owner = await authenticateOwner(deps.db, 'ownerId' in who ? { ownerId: who.ownerId } : who, password);
    await limiter.forgive(ipOf(request), who.email);
    return owner;
  };

  return [
    openRoute('post', '/login', async (request, response) => {
      sessions.checkCsrf(request, undefined);
      const { email, password } = parseInput(loginBodySchema, request.body, 'body');
      const found = await checkPassword(request, { email }, password);
      const pending = found.totpEnabledAt !== null;
      const csrfToken = await sessions.start(response, found.id, { pending });
      if (pending) {
        response.json({ state: 'two_factor_required', owner: null, csrfToken });
        return;
      }
      response.json({ state: 'signed_in', owner: { id: found.id, email: found.email }, csrfToken });
    }),
    openRoute('post', '/login/two-factor', async (request, response) => {
      const pending = await sessions.authenticatePending(request);
      sessions.checkCsrf(request, pending);
      if (pending === undefined) throw new UnauthorizedError('Sign in with your password first (the code step lasts 5 minutes).');
      const { code } = parseInput(twoFactorCodeBodySchema, request.body, 'body');
      await limiter.spend(ipOf(request), `two-factor:${pending.owner.email}`);
      const { usedRecoveryCode } = await verifyTwoFactor(deps, pending.owner.id, code);
      await limiter.forgive(ipOf(request), `two-factor:${pending.owner.email}`);
      if (!(await sessions.completePending(pending))) throw new UnauthorizedError('Sign in with your password first (the code step lasts 5 minutes).');
      if (usedRecoveryCode) request.log?.info({ owner: pending.owner.id }, 'dashboard: signed in with a recovery code');
      response.json({ state: 'signed_in', owner: { id: pending.owner.id, email: pending.owner.email }, csrfToken: pending.csrfToken });
    }),
    openRoute('post', '/logout', async (request, response) => {
      sessions.checkCsrf(request, (await sessions.authenticate(request)) ?? (await sessions.authenticatePending(request)));
      await sessions.end(request, response);
      response.json({ csrfToken: sessions.browserCsrfToken(request, response) });
    }),
    openRoute('post', '/links/check', async (request, response) => {
      sessions.checkCsrf(request, undefined);
      const { token } = parseInput(checkLinkBodySchema, request.body, 'body');
      response.json(await checkMemberLink(deps.db, token));
    }),
    openRoute('post', '/invites/accept', async (request, response) => {
      sessions.checkCsrf(request, undefined);
      const input = parseInput(acceptInviteBodySchema, request.body, 'body');
      await limiter.spend(ipOf(request), 'invite');
      const created = await acceptInvite(deps.db, input);
      request.log?.info({ owner: created.id, role: created.role }, 'dashboard: invite accepted');
      const csrfToken = await sessions.start(response, created.id);
      response.status(201).json({ owner: { id: created.id, email: created.email }, csrfToken });
    }),
    openRoute('post', '/password/reset', async (request, response) => {
      sessions.checkCsrf(request, undefined);
      const input = parseInput(resetPasswordBodySchema, request.body, 'body');
      await limiter.spend(ipOf(request), 'reset');
      const { email } = await resetPassword(deps.db, input);
      request.log?.info('dashboard: password reset through a one-time link');
      response.json({ ...(await signedOutAnswer(deps, sessions, request, response)), email });
    }),
    route('post', '/step-up', async (request, response) => {
      const { password, code } = parseInput(stepUpBodySchema, request.body, 'body');
      const session = ownerSessionOf(response);
      await checkPassword(request, { ownerId: session.owner.id, email: session.owner.email }, password);
      if (session.owner.twoFactorEnabled) {
        if (code === undefined) throw new TwoFactorCodeError('Enter the code from your authenticator app too.');
        await verifyTwoFactor(deps, session.owner.id, code);
      }
      await sessions.markSteppedUp(session);
      response.json({ steppedUp: true });
    }, MEMBERS),
    route('post', '/account/password', async (request, response) => {
      const { currentPassword, newPassword } = parseInput(changePasswordBodySchema, request.body, 'body');
      const session = ownerSessionOf(response);
      await limiter.spend(ipOf(request), session.owner.email);
      await changePassword(deps.db, { ownerId: session.owner.id, currentPassword, newPassword, keepTokenHash: session.tokenHash });
      await limiter.forgive(ipOf(request), session.owner.email);
      request.log?.info({ owner: session.owner.id }, 'dashboard: password changed; other sessions ended');
      response.json({ changed: true });
    }, MEMBERS),
    route('post', '/account/two-factor/setup', async (_request, response) => {
      const { owner } = ownerSessionOf(response);
      response.set('Cache-Control', 'no-store');
      response.json(await startTwoFactorSetup(deps, owner));
    }, TWO_FACTOR_SETUP),
    route('post', '/account/two-factor/confirm', async (request, response) => {
      const { code } = parseInput(twoFactorCodeBodySchema, request.body, 'body');
      const { owner } = ownerSessionOf(response);
      await limiter.spend(ipOf(request), `two-factor:${owner.email}`);
      const answer = await confirmTwoFactor(deps, owner.id, code);
      request.log?.info({ owner: owner.id }, 'dashboard: two-factor sign-in turned on');
      response.json(answer);
    }, TWO_FACTOR_SETUP),
    route('post', '/account/two-factor/disable', async (request, response) => {
      const { password, code } = parseInput(disableTwoFactorBodySchema, request.body, 'body');
      const session = ownerSessionOf(response);
      if ((await readServiceSetting(deps.db, 'require_two_factor')) === 'true') throw new ConflictError('Your team requires two-factor sign-in: it cannot be turned off.');
      await checkPassword(request, { ownerId: session.owner.id, email: session.owner.email }, password);
      await disableTwoFactor(deps, session.owner.id, code);
      request.log?.info({ owner: session.owner.id }, 'dashboard: two-factor sign-in turned off');
      response.json({ disabled: true });
    }, MEMBERS),
    route('patch', '/team/settings', async (request, response) => {
      const { requireTwoFactor } = parseInput(teamSettingsBodySchema, request.body, 'body');
      if (requireTwoFactor && !ownerSessionOf(response).owner.twoFactorEnabled) throw new ConflictError('Turn on two-factor sign-in for your own account first.');
      await writeServiceSetting(deps.db, 'require_two_factor', String(requireTwoFactor));
      response.json({ requireTwoFactor });
    }),
    route('get', '/members', async (_request, response: Response) => {
      response.json(await listTeam(deps.db, { emailsInvites: api.mailer !== undefined }));
    }, MEMBERS),
    route('post', '/members/invites', async (request, response) => {
      const input = parseInput(inviteMemberBodySchema, request.body, 'body');
      response.set('Cache-Control', 'no-store');
      response.status(201).json(await inviteMember({ db: deps.db, publicUrl, mailer: api.mailer }, input, auditActorOf(callerOf(response))));
    }),
    route('patch', '/members/:memberId', async (request, response) => {
      const { role } = parseInput(updateMemberBodySchema, request.body, 'body');
      response.json({ member: await changeMemberRole(deps.db, memberIdOf(request), role, auditActorOf(callerOf(response))) });
    }),
    route('delete', '/members/:memberId', async (request, response) => {
      await removeMember(deps.db, memberIdOf(request), auditActorOf(callerOf(response)));
      response.status(204).end();
    }),
  ];
}
