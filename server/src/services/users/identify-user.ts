import { containsUnsafeText, isSafeText, type IdentifyResponse } from '@reqio/shared';
import { IdentityTokenError } from '../../identity/identity-token-error.js';
import { verifyIdentityToken, type VerifiedIdentity } from '../../identity/verify-identity-token.js';
import { parseCompactToken } from '../../identity/parse-compact-token.js';
import type { ProjectEntry } from '../../identity/project-key-ring.js';
import { randomId } from '../../lib/random-id.js';
import type { Queryable } from '../../storage/database.js';
import { insertIdentifyFailure } from '../../storage/users/identify-failure-queries.js';
import { adjustTotalsForRequests, adjustTotalsForUserVotes, reassignAnonymousRequests } from '../../storage/requests/request-queries.js';
import { upsertUser, type UserRecord } from '../../storage/users/user-queries.js';
import { findAnonymousMerge, moveAnonymousVotes, recordAnonymousMerge } from '../../storage/votes/vote-queries.js';
import { reassignAnonymousComments } from '../../storage/comments/comment-queries.js';
import type { ServiceDeps } from '../service-deps.js';

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

/** Merges an anonymous id's votes and requests into the user, once: a request both voted for counts once. */
async function mergeAnonymous(tx: Queryable, projectId: string, anonymousId: string, user: UserRecord): Promise<void> {
  const mergedInto = await findAnonymousMerge(tx, projectId, anonymousId);
  // An id already merged into someone else stays theirs (a shared browser without reset()).
  if (mergedInto !== undefined && mergedInto !== user.id) return;
  const { dropped, moved } = await moveAnonymousVotes(tx, projectId, anonymousId, user.id);
  await adjustTotalsForRequests(tx, dropped, -1, 0);
  await adjustTotalsForRequests(tx, moved, 0, user.monthlyAmount);
  await reassignAnonymousRequests(tx, projectId, anonymousId, user.id);
  await reassignAnonymousComments(tx, projectId, anonymousId, user.id);
  await recordAnonymousMerge(tx, projectId, anonymousId, user.id);
}

/**
 * Exchanges an identity token for a widget session: verifies it with the project's key
 * ring, creates or updates the user with raw and normalised traits (moving their revenue
 * through every request they voted for), merges the anonymous id, and issues the session.
 * A refused token is logged for the dashboard (code, origin, time; never the token).
 */
export async function identifyUser(
  deps: Pick<ServiceDeps, 'db' | 'keyRing' | 'sessions' | 'events'>,
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

  const user = await db.transaction(async (tx) => {
    const { user, previousMonthlyAmount, created } = await upsertUser(tx, {
      id: randomId('usr'),
      projectId: input.projectId,
      externalId: identity.sub,
      email: identity.email ?? null,
      name: identity.name ?? null,
      plan: identity.traits.plan ?? null,
      traits: identity.traits,
      // Kept as sent for the dashboard, unless a NUL or lone surrogate in it cannot be stored (those traits were dropped already).
      rawTraits: containsUnsafeText(identity.claims.traits) ? null : (identity.claims.traits ?? null),
      monthlyAmount: identity.monthlyAmount,
    });
    const delta = user.monthlyAmount - previousMonthlyAmount;
    if (!created && delta !== 0) await adjustTotalsForUserVotes(tx, user.id, 0, delta);
    if (input.anonymousId !== undefined) await mergeAnonymous(tx, input.projectId, input.anonymousId, user);
    await events.emit(tx, {
      type: 'user.identified',
      projectId: input.projectId,
      data: { user: { id: user.externalId, email: user.email, plan: user.plan, monthlyAmount: user.monthlyAmount }, created },
    });
    return user;
  });

  const { session, expiresAt } = await sessions.issue({ kind: 'user', projectId: input.projectId, userId: user.id }, entry.project.sessionEpoch);
  return {
    session,
    expiresAt,
    user: { id: user.externalId, email: user.email, name: user.name, plan: user.plan, monthlyAmount: user.monthlyAmount },
    warnings: identity.warnings,
  };
}
