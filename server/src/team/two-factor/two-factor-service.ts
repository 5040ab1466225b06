import type { TwoFactorSetupAnswer } from '@reqio/shared';
import { renderSVG } from 'uqr';
import { ConflictError } from '../../errors/conflict-error.js';
import type { SecretCipher } from '../../identity/secret-cipher.js';
import type { Database, Queryable } from '../../storage/database.js';
import { advanceTotpCounter, disableTotp, enableTotp, findTotpState, spendRecoveryCode, storePendingTotpSecret } from '../../storage/team/two-factor-queries.js';
import { TwoFactorCodeError } from '../errors/two-factor-code-error.js';
import { createRecoveryCodes, hashRecoveryCode } from './recovery-codes.js';
import { createTotpKey, matchTotpStep } from './totp.js';

/** What two-factor sign-in needs: the store and the cipher its keys are encrypted with. */
export type TwoFactorDeps = { db: Database; cipher: SecretCipher };

// Bound into each ciphertext: a key copied to another account's row does not decrypt.
const aad = (ownerId: string) => `owner:${ownerId}`;

/**
 * Starts setting up two-factor sign-in: a new key, kept encrypted until a code confirms
 * it, and its QR code rendered here as SVG (no third party sees the key). 409 while it is on.
 */
export async function startTwoFactorSetup(deps: TwoFactorDeps, owner: { id: string; email: string }): Promise<TwoFactorSetupAnswer> {
  const { key, otpauthUrl } = createTotpKey(owner.email);
  if (!(await storePendingTotpSecret(deps.db, owner.id, deps.cipher.encrypt(key, aad(owner.id))))) {
    throw new ConflictError('Two-factor sign-in is on already: turn it off first to set up a new phone.');
  }
  return { key, otpauthUrl, qrSvg: renderSVG(otpauthUrl) };
}

/** Checks a six-digit code against the account's key, once per time step: a replayed code is refused. */
async function spendTotpCode(deps: TwoFactorDeps, q: Queryable, ownerId: string, code: string, state: { secret: string | null }): Promise<boolean> {
  if (state.secret === null || !/^\d{6}$/.test(code)) return false;
  const step = matchTotpStep(deps.cipher.decrypt(state.secret, aad(ownerId)), code);
  return step !== undefined && (await advanceTotpCounter(q, ownerId, step));
}

/** Confirms the key being set up with a code from the app: two-factor sign-in is on, and here are the 10 recovery codes, shown once. */
export async function confirmTwoFactor(deps: TwoFactorDeps, ownerId: string, code: string): Promise<{ recoveryCodes: string[] }> {
  return deps.db.transaction(async (tx) => {
    const state = await findTotpState(tx, ownerId);
    if (state === undefined || state.enabled || state.secret === null) throw new ConflictError('Start the set-up first (or it is on already).');
    if (!(await spendTotpCode(deps, tx, ownerId, code, state))) throw new TwoFactorCodeError('The code is not right: check the phone\'s clock, and enter the code the app shows now.');
    const recoveryCodes = createRecoveryCodes();
    await enableTotp(tx, ownerId, new Date(), recoveryCodes.map(hashRecoveryCode));
    return { recoveryCodes };
  });
}

/**
 * Checks a second factor of an account that has two-factor sign-in on: a code from the app
 * (each time step once) or an unused recovery code (each once). 401
 * `two_factor_code_invalid` otherwise.
 */
export async function verifyTwoFactor(deps: TwoFactorDeps, ownerId: string, code: string): Promise<{ usedRecoveryCode: boolean }> {
  const state = await findTotpState(deps.db, ownerId);
  if (state === undefined || !state.enabled) throw new TwoFactorCodeError('Two-factor sign-in is not on for this account.');
  if (await spendTotpCode(deps, deps.db, ownerId, code, state)) return { usedRecoveryCode: false };
  if (!/^\d{6}$/.test(code) && (await spendRecoveryCode(deps.db, ownerId, hashRecoveryCode(code), new Date()))) return { usedRecoveryCode: true };
  throw new TwoFactorCodeError();
}

/** Whether the account has two-factor sign-in on. */
export async function hasTwoFactor(db: Queryable, ownerId: string): Promise<boolean> {
  return (await findTotpState(db, ownerId))?.enabled === true;
}

/** Turns two-factor sign-in off after a valid code (the caller has checked the password). */
export async function disableTwoFactor(deps: TwoFactorDeps, ownerId: string, code: string): Promise<void> {
  await verifyTwoFactor(deps, ownerId, code);
  await disableTotp(deps.db, ownerId);
}
