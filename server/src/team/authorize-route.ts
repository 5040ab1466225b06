import type { NextFunction, Request, Response } from 'express';
import type { AdminCaller } from '../http/app-deps.js';
import type { RouteAccess } from '../http/route-spec.js';
import { RoleForbiddenError } from './errors/role-forbidden-error.js';
import { StepUpRequiredError } from './errors/step-up-required-error.js';
import { TwoFactorSetupRequiredError } from './errors/two-factor-setup-required-error.js';

/** The caller {@link authorizeRoute} let through, for the handler (and the audit log). */
export const callerOf = (response: Response): AdminCaller => response.locals.admin as AdminCaller;

/**
 * The one permission check of the admin API and the dashboard API: runs after the caller is
 * known (`res.locals.admin`) and before any work. 403 `forbidden` with a reason: a member on
 * an admin route (`role_forbidden`), an account that must first set up two-factor sign-in
 * (`two_factor_setup_required`), a session that has not just entered its password again
 * on a route that asks for it (`step_up_required`; API keys have no password to ask for).
 */
export function authorizeRoute(access: RouteAccess) {
  return async function authorize(_request: Request, response: Response, next: NextFunction): Promise<void> {
    const caller = callerOf(response);
    if (caller.twoFactorSetupRequired === true && access.duringTwoFactorSetup !== true) throw new TwoFactorSetupRequiredError();
    if (access.role === 'admin' && caller.role !== 'admin') throw new RoleForbiddenError();
    if (access.stepUp === true && caller.spendStepUp !== undefined && !(await caller.spendStepUp())) throw new StepUpRequiredError();
    next();
  };
}
