import { convertToProjectCurrency, toMonthlyAmount, type NormalizedCompany, type ProjectMoney } from '@reqio/shared';
import type { IdentityWarning, VerifiedIdentity } from '../../identity/verify-identity-token.js';
import { randomId } from '../../lib/random-id.js';
import {
  deleteAccount,
  ensureCompanyAccount,
  insertAccount,
  lockAccounts,
  lockCompanyAccount,
  updateAccountFields,
  type AccountFields,
  type AccountRecord,
} from '../../storage/accounts/account-queries.js';
import {
  applyAccountVoterChanges,
  listUserVoteRequests,
  lockRequestsOfAccounts,
  writeAccount,
} from '../../storage/accounts/account-totals-queries.js';
import { reassignAnonymousComments } from '../../storage/comments/comment-queries.js';
import type { Queryable, StatementEventCtes } from '../../storage/database.js';
import { adjustTotalsForRequests, reassignAnonymousRequests } from '../../storage/requests/request-queries.js';
import { setUserAccount, type UserRecord } from '../../storage/users/user-queries.js';
import { listAnonymousVoteRequests, moveAnonymousVotes, recordAnonymousMerge } from '../../storage/votes/vote-queries.js';

/** What the identified user's votes count for after an identify. */
export interface SettledAccount {
  account: AccountRecord;
  warnings: IdentityWarning[];
  /** Whether the user's account, or its fields or amount, changed. */
  changed: boolean;
  /** Whether the caller's event was written in the account's statement (else it is the caller's to emit). */
  eventWritten: boolean;
}

const currencyUnknown = (field: string, currency: string | null | undefined): IdentityWarning => ({
  code: 'currency_unknown',
  message: `The project has no exchange rate for ${currency}: the amount weighs 0 until one is set.`,
  fields: [field],
});

/** The fields an account of one mirrors from its user's own traits. */
function personalFields(identity: VerifiedIdentity): AccountFields {
  const { traits } = identity;
  return {
    name: identity.name ?? null,
    plan: traits.plan ?? null,
    amount: traits.amount ?? null,
    interval: traits.interval ?? null,
    currency: traits.currency ?? null,
    custom: traits.custom,
    traitsValid: identity.traitsValid,
    monthlyMinor: identity.monthlyAmount,
  };
}

/** A company's stored fields with a token's: present fields replace, absent ones stay (CONTRACT §6). */
function mergeCompanyFields(stored: AccountRecord, company: NormalizedCompany, valid: boolean): AccountFields {
  const amount = company.amount ?? stored.amount;
  const interval = company.interval ?? stored.interval;
  return {
    name: company.name ?? stored.name,
    plan: company.plan ?? stored.plan,
    amount,
    interval,
    currency: company.currency ?? stored.currency,
    custom: { ...stored.custom, ...company.custom },
    traitsValid: valid,
    monthlyMinor: valid ? toMonthlyAmount(amount ?? undefined, interval ?? undefined) : 0,
  };
}

const sameFields = (account: AccountRecord, fields: AccountFields) =>
  account.name === fields.name &&
  account.plan === fields.plan &&
  account.amount === fields.amount &&
  account.interval === fields.interval &&
  account.currency === fields.currency &&
  account.traitsValid === fields.traitsValid &&
  account.monthlyMinor === fields.monthlyMinor &&
  JSON.stringify(account.custom) === JSON.stringify(fields.custom);

/**
 * What an identify makes of the account `target` (the user's company or account of one):
 * its fields after the token, its converted monthly amount, the currency warnings, and
 * whether the fields differ from what is stored. One definition for the write path and for
 * the no-write identify.
 */
export function planAccount(
  target: AccountRecord,
  identity: VerifiedIdentity,
  money: ProjectMoney,
): { fields: AccountFields | undefined; fieldsChanged: boolean; monthlyAmount: number; warnings: IdentityWarning[] } {
  const warnings: IdentityWarning[] = [];
  let fields: AccountFields | undefined;
  if (target.kind === 'company' && identity.company !== undefined) fields = mergeCompanyFields(target, identity.company, identity.companyValid);
  else if (target.kind === 'user') fields = personalFields(identity);
  let monthlyAmount = target.monthlyAmount;
  if (fields !== undefined) {
    const converted = convertToProjectCurrency(fields.monthlyMinor, fields.currency, money);
    monthlyAmount = converted.amount;
    if (!converted.known && target.kind === 'company' && fields.amount !== null) warnings.push(currencyUnknown('company.currency', fields.currency));
  }
  if (identity.traits.amount !== undefined && convertToProjectCurrency(0, identity.traits.currency, money).known === false) {
    warnings.push(currencyUnknown('traits.currency', identity.traits.currency));
  }
  return { fields, fieldsChanged: fields !== undefined && !sameFields(target, fields), monthlyAmount, warnings };
}

/**
 * The identify changes nothing about the user's account: it stays in the account it is in
 * (the company the token names, if it names one) and that account's fields and amount stay.
 */
export function warningsIfAccountUnchanged(account: AccountRecord | null, identity: VerifiedIdentity, money: ProjectMoney): IdentityWarning[] | undefined {
  if (account === null) return undefined;
  if (identity.company !== undefined && (account.kind !== 'company' || account.externalId !== identity.company.id)) return undefined;
  const planned = planAccount(account, identity, money);
  return planned.fieldsChanged || planned.monthlyAmount !== account.monthlyAmount ? undefined : planned.warnings;
}

/**
 * After an identify has written the user: puts them in their account (the company the token
 * names, the one they were in, or an account of one), writes the account's fields and
 * converted amount, and keeps every request's distinct accounts and revenue right — moving
 * the user's votes when they change company, re-weighing when an amount changes, and merging
 * the anonymous id's votes. Locks, in order: accounts (id order), then requests (id order);
 * the caller holds the project's money lock and the user's row, and may hold the lock of the
 * account the user is in already (`locked`, when it is the one the token puts them in).
 * `event`, given the account as settled and whether it changed, may return outbox CTEs: they
 * go into the statement that writes the account, when there is one.
 */
export async function settleUserAccount(
  tx: Queryable,
  input: {
    projectId: string;
    money: ProjectMoney;
    user: UserRecord;
    identity: VerifiedIdentity;
    anonymousId?: string | undefined;
    locked?: AccountRecord | undefined;
    event?: (account: AccountRecord, changed: boolean) => StatementEventCtes | undefined;
  },
): Promise<SettledAccount> {
  const { projectId, money, user, identity } = input;
  const warnings: IdentityWarning[] = [];
  const previousId = user.accountId;

  let target: AccountRecord | undefined;
  let previous: AccountRecord | undefined;
  const locked = input.locked !== undefined && input.locked.id === previousId ? input.locked : undefined;
  if (locked !== undefined && (identity.company === undefined || (locked.kind === 'company' && locked.externalId === identity.company.id))) {
    // The user stays in the account the caller locked with them.
    target = locked;
  } else if (identity.company !== undefined) {
    // The common case, a company that exists: found and locked with the user's account in one statement.
    const companyId = identity.company.id;
    let locked = await lockCompanyAccount(tx, { projectId, externalId: companyId, otherId: previousId });
    target = locked.find((account) => account.kind === 'company' && account.externalId === companyId);
    if (target === undefined) {
      const targetId = await ensureCompanyAccount(tx, { id: randomId('acc'), projectId, externalId: companyId });
      locked = await lockAccounts(tx, previousId === null ? [targetId] : [targetId, previousId]);
      target = locked.find((account) => account.id === targetId)!;
    }
    previous = previousId === null || previousId === target.id ? undefined : locked.find((account) => account.id === previousId);
  } else if (previousId !== null) {
    [target] = await lockAccounts(tx, [previousId]);
  } else {
    // New, so no one else can see it, let alone lock it.
    target = await insertAccount(tx, {
      id: randomId('acc'),
      projectId,
      kind: 'user',
      externalId: user.externalId,
      ...personalFields(identity),
      monthlyAmount: user.monthlyAmount,
    });
  }
  const settled = target!;
  const targetId = settled.id;

  const planned = planAccount(settled, identity, money);
  const { fields, monthlyAmount } = planned;
  warnings.push(...planned.warnings);

  const userVotes = previous !== undefined ? await listUserVoteRequests(tx, user.id) : [];
  // Undefined when there is nothing to merge, or the id was merged into someone else (it stays theirs).
  const anonymousVotes = input.anonymousId !== undefined ? await listAnonymousVoteRequests(tx, projectId, input.anonymousId, user.id) : undefined;
  const reweigh = monthlyAmount !== settled.monthlyAmount;
  const account = { ...settled, ...fields, monthlyAmount };
  const changed = previousId !== targetId || planned.fieldsChanged || reweigh;
  const event = input.event?.(account, changed);
  if (userVotes.length > 0 || (anonymousVotes?.length ?? 0) > 0) {
    await lockRequestsOfAccounts(tx, reweigh ? [targetId] : [], [...userVotes, ...(anonymousVotes ?? [])]);
  }
  // The fields and the amount, moved through the account's requests, in one statement
  // (an amount only changes with fields: planAccount converts the fields' amount).
  if (reweigh) await writeAccount(tx, targetId, fields!, monthlyAmount, event);
  else if (planned.fieldsChanged) await updateAccountFields(tx, targetId, fields!, event);
  if (previousId !== targetId) await setUserAccount(tx, user.id, targetId);
  if (previous !== undefined) {
    await applyAccountVoterChanges(
      tx,
      userVotes.flatMap((requestId) => [
        { requestId, accountId: previous.id, delta: -1 },
        { requestId, accountId: targetId, delta: 1 },
      ]),
    );
    if (previous.kind === 'user') await deleteAccount(tx, previous.id);
  }
  if (anonymousVotes !== undefined) {
    const { dropped, moved } = await moveAnonymousVotes(tx, projectId, input.anonymousId!, user.id);
    await adjustTotalsForRequests(tx, dropped, -1, 0);
    await applyAccountVoterChanges(tx, moved.map((requestId) => ({ requestId, accountId: targetId, delta: 1 })));
    await reassignAnonymousRequests(tx, projectId, input.anonymousId!, user.id);
    await reassignAnonymousComments(tx, projectId, input.anonymousId!, user.id);
    await recordAnonymousMerge(tx, projectId, input.anonymousId!, user.id);
  }
  return { account, warnings, changed, eventWritten: event !== undefined && (reweigh || planned.fieldsChanged) };
}
