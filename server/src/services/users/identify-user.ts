import { containsUnsafeText, convertToProjectCurrency, isSafeText, type IdentifyResponse, type ProjectMoney } from '@reqio/shared';
import { IdentityTokenError } from '../../identity/identity-token-error.js';
import { verifyIdentityToken, type IdentityWarning, type VerifiedIdentity } from '../../identity/verify-identity-token.js';
import { parseCompactToken } from '../../identity/parse-compact-token.js';
import type { ProjectEntry } from '../../identity/project-key-ring.js';
import { randomId } from '../../lib/random-id.js';
import { lockProjectMoney } from '../../storage/projects/project-queries.js';
import { insertIdentifyFailure } from '../../storage/users/identify-failure-queries.js';
import type { AccountRecord } from '../../storage/accounts/account-queries.js';
import {
  readIdentifyState,
  touchUserSeen,
  updateIdentifiedUser,
  updateUserWithAccount,
  upsertUser,
  type IdentifyState,
  type UserIdentity,
  type UserRecord,
} from '../../storage/users/user-queries.js';
import { planAccount, settleUserAccount, warningsIfAccountUnchanged } from '../accounts/settle-user-account.js';
import { toCompanySummary } from '../accounts/to-company-summary.js';
import type { Queryable } from '../../storage/database.js';
import type { ServiceDeps } from '../service-deps.js';
import type { ReqioEvent } from '../event-sink.js';
import type { CachedIdentityState } from './identity-state-cache.js';
import type { IdentifyHint } from './identify-hints.js';

// A token that fails with a cached key ring may be signed with a secret rotated on another
// instance: reload once, but not more often than this per project.
const STALE_AFTER_MS = 1_000;

async function verifyWithRing(keyRing: ServiceDeps['keyRing'], entry: ProjectEntry, token: string): Promise<{ entry: ProjectEntry; identity: VerifiedIdentity }> {
  const attempt = (current: ProjectEntry) =>
    verifyIdentityToken(token, {
      secrets: keyRing.activeSecrets(current),
      audience: current.audiences,
      clockTolerance: current.project.leewaySeconds,
    });
  try {
    return { entry, identity: await attempt(entry) };
  } catch (error) {
    const stale = Date.now() - entry.loadedAt > STALE_AFTER_MS;
    if (!(error instanceof IdentityTokenError) || !stale || (error.code !== 'signature_invalid' && error.code !== 'audience_mismatch')) throw error;
    const fresh = await keyRing.refresh(entry.project.id);
    if (fresh === undefined) throw error;
    return { entry: fresh, identity: await attempt(fresh) };
  }
}

/**
 * The `aud` a refused token carried, for the dashboard's failure log: read only after an
 * `audience_mismatch`, i.e. from a token whose signature checked out; cut to 500 characters.
 */
function receivedAudience(token: string): string | null {
  try {
    const { aud } = parseCompactToken(token).payload as { aud?: unknown };
    const text = Array.isArray(aud) ? aud.map(String).join(', ') : typeof aud === 'string' ? aud : null;
    return text === null || !isSafeText(text.slice(0, 500)) ? null : text.slice(0, 500);
  } catch {
    return null;
  }
}

/** What an identify answers with and, when it knows them, the user's state for the next one (identify-hints.ts). */
type Identified = { user: UserRecord; account: AccountRecord; warnings: IdentityWarning[]; learnt?: Omit<IdentifyHint, 'stored'> };

/** The user and account a no-write identify answers with, or undefined when the token changes them. */
function unchangedIdentify(state: CachedIdentityState, identity: VerifiedIdentity): Identified | undefined {
  // The user's own amount converted with the rates read with the user.
  if (convertToProjectCurrency(identity.monthlyAmount, identity.traits.currency, state.money).amount !== state.user.monthlyAmount) return undefined;
  const warnings = warningsIfAccountUnchanged(state.account, identity, state.money);
  return warnings === undefined ? undefined : { user: state.user, account: state.account, warnings, learnt: state };
}

/**
 * The common page load: the token says what the store already holds (user fields, account
 * and its fields, nothing left to merge from the anonymous id). One read, compared in SQL
 * against the store itself, and no write (last_seen_at at most once an hour); on the
 * embedded store, no read either while nothing it depends on was written (identity-state-cache.ts).
 * Otherwise what was read (undefined for a new user): the caller runs the write path.
 */
async function identifyWithoutWrites(
  deps: Pick<ServiceDeps, 'db' | 'identityStates' | 'identifyReads'>,
  input: { projectId: string; anonymousId?: string | undefined },
  identity: VerifiedIdentity,
  stored: Omit<UserIdentity, 'monthlyAmount'>,
): Promise<{ unchanged: Identified } | { read: IdentifyState | undefined }> {
  const cache = deps.identityStates;
  // Everything the read compares in SQL is in the key; the rest is compared below, as after a read.
  const key = cache === undefined ? '' : JSON.stringify([input.projectId, identity.sub, input.anonymousId ?? null, stored]);
  const cached = cache?.get(key);
  if (cached !== undefined) {
    const answer = unchangedIdentify(cached, identity);
    if (answer !== undefined) return { unchanged: answer };
  }
  const generation = cache?.generation() ?? 0;
  const readKey = { projectId: input.projectId, externalId: identity.sub, ...stored };
  const state =
    input.anonymousId === undefined && deps.identifyReads !== undefined
      ? await deps.identifyReads.read(readKey)
      : await readIdentifyState(deps.db, { ...readKey, anonymousId: input.anonymousId });
  if (state === undefined || !state.userSame || state.anonymousPending || state.account === null) return { read: state };
  const read = { user: state.user, account: state.account, accountVersion: state.accountVersion!, money: state.money };
  const answer = unchangedIdentify(read, identity);
  if (answer === undefined) return { read: state };
  if (state.seenStale) await touchUserSeen(deps.db, state.user.id);
  else cache?.set(key, read, generation);
  return { unchanged: answer };
}

/** What a verified token says about the user, as the user row stores it. */
function storedIdentity(identity: VerifiedIdentity): Omit<UserIdentity, 'monthlyAmount'> {
  return {
    email: identity.email ?? null,
    name: identity.name ?? null,
    plan: identity.traits.plan ?? null,
    traits: identity.traits,
    // Kept as sent for the dashboard, unless a NUL or lone surrogate in it cannot be stored (those traits were dropped already).
    rawTraits: containsUnsafeText(identity.claims.traits) ? null : (identity.claims.traits ?? null),
    monthlyMinor: identity.monthlyAmount,
  };
}

/** The `user.identified` event of an identify that wrote something. */
function identifiedEvent(projectId: string, user: UserRecord, account: AccountRecord, created: boolean): ReqioEvent {
  const company = account.kind === 'company' ? toCompanySummary(account) : null;
  return {
    type: 'user.identified',
    projectId,
    data: { user: { id: user.externalId, email: user.email, plan: user.plan, monthlyAmount: user.monthlyAmount }, company, created },
  };
}

/**
 * The write path of an identify, in the caller's transaction: the user, their account and
 * its amount through the request totals, the anonymous id's merge, and the event. With
 * `readMoney` (the project's money as the no-write check read it), an existing user who stays
 * in their account costs two statements: money, user and account locked and the user updated
 * in one, the account, its requests' totals and the event in the other. Exported for the
 * ranking bench, which times exactly this.
 */
export async function writeIdentify(
  tx: Queryable,
  events: ServiceDeps['events'],
  input: { projectId: string; anonymousId?: string | undefined },
  identity: VerifiedIdentity,
  readMoney?: ProjectMoney,
): Promise<{ user: UserRecord; account: AccountRecord; warnings: IdentityWarning[] }> {
  const fields = { projectId: input.projectId, externalId: identity.sub, ...storedIdentity(identity) };
  const converted = (money: ProjectMoney) => convertToProjectCurrency(identity.monthlyAmount, identity.traits.currency, money).amount;
  // Lock order everywhere: project money, users, accounts, requests (see account-totals-queries).
  const quick =
    readMoney === undefined
      ? undefined
      : await updateUserWithAccount(tx, { ...fields, monthlyAmount: converted(readMoney), money: readMoney, companyExternalId: identity.company?.id ?? null });
  let money: ProjectMoney;
  let written: { user: UserRecord; created: boolean; changed: boolean };
  if (quick !== undefined) {
    money = readMoney!;
    written = { user: quick.user, created: false, changed: quick.changed };
  } else {
    const locked = await lockProjectMoney(tx, input.projectId);
    if (locked === undefined) throw new IdentityTokenError('project_not_found', `No project has the id "${input.projectId.slice(0, 64)}".`);
    money = locked;
    written = await upsertUser(tx, { id: randomId('usr'), ...fields, monthlyAmount: converted(money) });
  }
  const { user, created, changed } = written;
  // Only news: a new user, or new traits, email, name or company (not every page load; README "Webhooks").
  const event = (account: AccountRecord, accountChanged: boolean) =>
    changed || accountChanged ? identifiedEvent(input.projectId, user, account, created) : undefined;
  const settled = await settleUserAccount(tx, {
    projectId: input.projectId,
    money,
    user,
    identity,
    anonymousId: input.anonymousId,
    locked: quick?.account,
    event: (account, accountChanged) => {
      const news = event(account, accountChanged);
      return news && ((params) => events.inStatement(news, { params, when: 'true' }));
    },
  });
  const news = settled.eventWritten ? undefined : event(settled.account, settled.changed);
  if (news !== undefined) await events.emit(tx, news);
  return { user, account: settled.account, warnings: settled.warnings };
}

/**
 * The common identify that changes something, in one round trip: an existing user staying
 * in the account they are in (the company the token names is that account, or it names
 * none), with nothing of the anonymous id left to merge. Planned from what the no-write check
 * read, or from what this instance last learnt of the user (identify-hints.ts); the store
 * re-checks, under lock, that the money, the user, their account and the account are still
 * those (`updateIdentifiedUser`). Undefined when the identify is not that case or the store
 * found a change (nothing written): the caller reads the store, or takes the long way, in a
 * transaction (`writeIdentify`).
 */
async function writeIdentifyInOneCall(
  db: Queryable,
  events: ServiceDeps['events'],
  input: { projectId: string; anonymousId?: string | undefined },
  identity: VerifiedIdentity,
  known: Pick<IdentifyState, 'user' | 'account' | 'accountVersion' | 'money' | 'anonymousPending'>,
): Promise<Identified | undefined> {
  const stored = known.account;
  if (stored === null || known.accountVersion === null || known.anonymousPending) return undefined;
  if (identity.company !== undefined && (stored.kind !== 'company' || stored.externalId !== identity.company.id)) return undefined;
  const fields = { ...storedIdentity(identity), monthlyAmount: convertToProjectCurrency(identity.monthlyAmount, identity.traits.currency, known.money).amount };
  const planned = planAccount(stored, identity, known.money);
  const accountChanged = planned.fieldsChanged || planned.monthlyAmount !== stored.monthlyAmount;
  const account: AccountRecord = { ...stored, ...planned.fields, monthlyAmount: planned.monthlyAmount };
  const user: UserRecord = { ...known.user, email: fields.email, name: fields.name, plan: fields.plan, traits: fields.traits, monthlyAmount: fields.monthlyAmount };
  const written = await updateIdentifiedUser(
    db,
    {
      projectId: input.projectId,
      externalId: identity.sub,
      userId: known.user.id,
      ...fields,
      money: known.money,
      accountId: stored.id,
      accountVersion: known.accountVersion,
      account: accountChanged ? account : undefined,
    },
    // Written when the user's fields or the account changed (README "Webhooks").
    (params, when) => events.inStatement(identifiedEvent(input.projectId, user, account, false), { params, when }),
  );
  return written && { user, account, warnings: planned.warnings, learnt: { user, account, accountVersion: written.accountVersion, money: known.money } };
}

/** An identify that reads the store first: no write when nothing changed, else the one call, else the long way. */
async function identifyReadingFirst(
  deps: Pick<ServiceDeps, 'db' | 'events' | 'identityStates'>,
  input: { projectId: string; anonymousId?: string | undefined },
  identity: VerifiedIdentity,
  stored: Omit<UserIdentity, 'monthlyAmount'>,
): Promise<Identified> {
  const { db, events } = deps;
  const checked = await identifyWithoutWrites(deps, input, identity, stored);
  if ('unchanged' in checked) return checked.unchanged;
  return (
    (checked.read && (await writeIdentifyInOneCall(db, events, input, identity, checked.read))) ??
    (await db.transaction((tx) => writeIdentify(tx, events, input, identity, checked.read?.money)))
  );
}

/** Whether two tokens say the same of a user (as stored): then the hint is no reason to skip the read. */
const sameStored = (a: Omit<UserIdentity, 'monthlyAmount'>, b: Omit<UserIdentity, 'monthlyAmount'>) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Exchanges an identity token for a widget session: verifies it with the project's key
 * ring, creates or updates the user with raw and normalised traits (moving their revenue
 * through every request they voted for), merges the anonymous id, and issues the session.
 * A refused token is logged for the dashboard (code, origin, time; never the token).
 */
export async function identifyUser(
  deps: Pick<ServiceDeps, 'db' | 'keyRing' | 'sessions' | 'events' | 'activeUsers' | 'identityStates' | 'identifyHints' | 'identifyReads'>,
  input: { projectId: string; token: string; anonymousId?: string | undefined; origin: string | null },
): Promise<IdentifyResponse> {
  const { db, keyRing, sessions, events } = deps;
  // CONTRACT §4: every identify failure is a 401 with an identity code, project_not_found included.
  let entry = await keyRing.get(input.projectId);
  if (entry === undefined) throw new IdentityTokenError('project_not_found', `No project has the id "${input.projectId.slice(0, 64)}".`);
  let identity: VerifiedIdentity;
  try {
    ({ entry, identity } = await verifyWithRing(keyRing, entry, input.token));
  } catch (error) {
    if (error instanceof IdentityTokenError) {
      const audiences = error.code === 'audience_mismatch' ? { expectedAudience: error.expectedAudience, receivedAudience: receivedAudience(input.token) } : {};
      await insertIdentifyFailure(db, { projectId: input.projectId, code: error.code, origin: input.origin, ...audiences }).catch(() => {});
    }
    throw error;
  }

  const stored = storedIdentity(identity);
  const hints = deps.identifyHints;
  // A token that says something else than this instance last learnt of the user: most likely
  // a change, so the one-call write goes first (it checks what the hint assumes, under lock).
  const hint = input.anonymousId === undefined ? hints?.get(input.projectId, identity.sub) : undefined;
  const { user, account, warnings, learnt } =
    (hint !== undefined && !sameStored(hint.stored, stored) ? await writeIdentifyInOneCall(db, events, input, identity, { ...hint, anonymousPending: false }) : undefined) ??
    (await identifyReadingFirst(deps, input, identity, stored));
  if (learnt !== undefined) hints?.set(input.projectId, identity.sub, { ...learnt, stored });
  else hints?.forget(input.projectId, identity.sub);

  // The widget lists right after identify: its session check needs no read of the user.
  deps.activeUsers.remember(user.id);
  const { session, expiresAt } = await sessions.issue({ kind: 'user', projectId: input.projectId, userId: user.id }, entry.project.sessionEpoch);
  return {
    session,
    expiresAt,
    user: { id: user.externalId, email: user.email, name: user.name, plan: user.plan, monthlyAmount: user.monthlyAmount },
    company: account.kind === 'company' ? toCompanySummary(account) : null,
    warnings: [...identity.warnings, ...warnings],
  };
}
