import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  LIMITS,
  emailSchema,
  identityClaimsSchema,
  normalizeCompany,
  normalizeTraits,
  type DroppedTrait,
  type IdentityClaims,
  type NormalizedCompany,
  type NormalizedTraits,
  type WarningCode,
} from '@reqio/shared';
import { IdentityTokenError } from './identity-token-error.js';
import { parseCompactToken } from './parse-compact-token.js';

/** Options of {@link verifyIdentityToken}. */
export interface VerifyIdentityTokenOptions {
  /** The project's secret, or its key ring: the current secret first, then one still in its grace period. */
  secrets: string | readonly string[];
  /** The accepted audience(s); the token's `aud` must contain one of them. */
  audience: string | readonly string[];
  /** Leeway in seconds for `exp`, `iat` and `nbf`; 0–120, default 30. */
  clockTolerance?: number;
}

/** A warning beside a verified identity: something was dropped, the user is still identified. */
export interface IdentityWarning {
  code: WarningCode;
  message: string;
  /** The fields concerned, such as `traits.amount` or `company.currency`. */
  fields: string[];
}

/** The `traits_invalid` warning: the token identified the user but these traits were dropped. */
export type TraitsInvalidWarning = IdentityWarning;

/** A verified identity: who the user is, their normalised traits and monthly revenue. */
export interface VerifiedIdentity {
  sub: string;
  /** Undefined when absent or dropped with `email_invalid`. */
  email: string | undefined;
  name: string | undefined;
  /** The checked claims, `sub` as a string; `traits`, `company` and `email` as the token sent them. */
  claims: IdentityClaims;
  traits: NormalizedTraits;
  /** Whole minor units of `traits.currency` per month; 0 when there is no amount or the traits were invalid. */
  monthlyAmount: number;
  /** False when some of the user's traits were dropped (they weigh 0 until a good token arrives). */
  traitsValid: boolean;
  /** The paying account the token names (CONTRACT §6), or undefined. */
  company: NormalizedCompany | undefined;
  /** False when some company fields were dropped: the company weighs 0 until a good token arrives. */
  companyValid: boolean;
  warnings: IdentityWarning[];
  /** Which of `options.secrets` signed the token (0 is the current secret). */
  secretIndex: number;
}

const toList = <T>(value: T | readonly T[]): readonly T[] => (Array.isArray(value) ? value : [value as T]);

function checkOptions(options: VerifyIdentityTokenOptions): { secrets: readonly string[]; audiences: readonly string[]; leeway: number } {
  if (typeof options !== 'object' || options === null) throw new TypeError('verifyIdentityToken: options must be an object');
  const secrets = toList(options.secrets);
  if (secrets.length === 0 || !secrets.every((secret) => typeof secret === 'string' && secret.length > 0)) {
    throw new TypeError('verifyIdentityToken: options.secrets must be a non-empty string or array of strings');
  }
  const audiences = toList(options.audience);
  if (audiences.length === 0 || !audiences.every((audience) => typeof audience === 'string' && audience.length > 0)) {
    throw new TypeError('verifyIdentityToken: options.audience must be a non-empty string or array of strings');
  }
  const leeway = options.clockTolerance ?? LIMITS.defaultLeewaySeconds;
  if (!Number.isInteger(leeway) || leeway < 0 || leeway > LIMITS.maxLeewaySeconds) {
    throw new TypeError(`verifyIdentityToken: options.clockTolerance must be an integer from 0 to ${LIMITS.maxLeewaySeconds}`);
  }
  return { secrets, audiences, leeway };
}

// HS256 checked with node:crypto, synchronously: on a loaded server WebCrypto's HMAC job
// (one per token and secret, through the thread pool) was the largest item of an identify's
// CPU profile (issue 14). parseCompactToken has already checked the header (alg HS256 only,
// its allow-list) and that the signature is 32 canonical base64url bytes.
function findSigningSecret(token: string, secrets: readonly string[]): number {
  const dot = token.lastIndexOf('.');
  const signingInput = token.slice(0, dot);
  const signature = Buffer.from(token.slice(dot + 1), 'base64url');
  for (const [index, secret] of secrets.entries()) {
    const expected = createHmac('sha256', secret).update(signingInput).digest();
    if (expected.length === signature.length && timingSafeEqual(expected, signature)) return index;
  }
  throw new IdentityTokenError('signature_invalid', "The signature does not match the project's secret.");
}

const isoTime = (seconds: number) => new Date(seconds * 1000).toISOString();
const TIME_CLAIMS = new Set(['aud', 'iat', 'exp', 'nbf']);

// The NumericDates a Date can hold (±8.64e15 ms). Beyond them a time is no date a server
// meant to send (1e308, -9e15), and printing it would throw a RangeError. Milliseconds sent
// as seconds stay inside, so they still get token_not_yet_valid and its hint.
const MAX_NUMERIC_DATE = 8_640_000_000_000;

function checkTimeRange(claims: { iat: number; exp: number; nbf?: number | undefined }): void {
  for (const claim of ['iat', 'exp', 'nbf'] as const) {
    const value = claims[claim];
    if (value !== undefined && Math.abs(value) > MAX_NUMERIC_DATE) {
      throw new IdentityTokenError('claims_invalid', `The claim "${claim}" is not a date: NumericDates are seconds since 1970, at most ${MAX_NUMERIC_DATE} either way.`, { claim });
    }
  }
}

function checkTimes(claims: { iat: number; exp: number; nbf?: number | undefined }, leeway: number): void {
  checkTimeRange(claims);
  const now = Math.floor(Date.now() / 1000);
  if (claims.exp - claims.iat > LIMITS.maxTokenLifetimeSeconds) {
    throw new IdentityTokenError(
      'token_lifetime_too_long',
      `exp - iat is ${claims.exp - claims.iat} s; tokens may live at most ${LIMITS.maxTokenLifetimeSeconds} s.`,
      { claim: 'exp' },
    );
  }
  if (claims.exp <= now - leeway) {
    throw new IdentityTokenError('token_expired', `The token expired at ${isoTime(claims.exp)}.`, { claim: 'exp' });
  }
  if (claims.iat > now + leeway) {
    throw new IdentityTokenError('token_not_yet_valid', `The token is issued in the future (${isoTime(claims.iat)}); check the server clock.`, {
      claim: 'iat',
    });
  }
  if (claims.nbf !== undefined && claims.nbf > now + leeway) {
    throw new IdentityTokenError('token_not_yet_valid', `The token is not valid before ${isoTime(claims.nbf)}.`, { claim: 'nbf' });
  }
}

/**
 * Verifies a Reqio identity token (CONTRACT §1): HS256 only, the size and header rules,
 * the signature against each secret of the key ring, the audience, and the time rules with
 * the leeway. Bad traits do not refuse the token; they become a `traits_invalid` warning.
 *
 * @example
 * const identity = await verifyIdentityToken(token, { secrets: process.env.REQIO_SECRET!, audience: 'https://reqio.example/p/prj_1' });
 * identity.monthlyAmount; // 4900
 * @throws {IdentityTokenError} with `.code` from CONTRACT §1.
 */
export async function verifyIdentityToken(token: string, options: VerifyIdentityTokenOptions): Promise<VerifiedIdentity> {
  const { secrets, audiences, leeway } = checkOptions(options);
  const { payload } = parseCompactToken(token);
  const secretIndex = findSigningSecret(token, secrets);

  const parsed = identityClaimsSchema.safeParse(payload);
  const issues = parsed.success ? [] : parsed.error.issues;
  const invalid = (issue: (typeof issues)[number]) => {
    const claim = String(issue.path[0] ?? 'payload');
    const missing = payload[claim] === undefined;
    return new IdentityTokenError(
      'claims_invalid',
      missing ? `The claim "${claim}" is required.` : `The claim "${claim}" ${issue.message}.`,
      { claim },
    );
  };
  // Audience and time first: an expired token is "expired" even if it also has a bad email.
  const timeIssue = issues.find((issue) => TIME_CLAIMS.has(String(issue.path[0])));
  if (timeIssue !== undefined) throw invalid(timeIssue);
  const { aud, iat, exp, nbf } = payload as { aud: string | string[]; iat: number; exp: number; nbf?: number };
  if (!toList(aud).some((value) => audiences.includes(value))) {
    throw new IdentityTokenError('audience_mismatch', `The token's aud is not this project's audience (${audiences[0]}).`, {
      claim: 'aud',
      expectedAudience: audiences[0],
    });
  }
  checkTimes({ iat, exp, nbf }, leeway);
  if (!parsed.success) throw invalid(issues[0]!);

  const claims = parsed.data;
  const { traits, monthlyAmount, dropped } = normalizeTraits(claims.traits);
  const company = normalizeCompany(claims.company);
  const warnings: IdentityWarning[] = [];
  const droppedTraits: DroppedTrait[] = [...dropped, ...company.dropped];
  if (droppedTraits.length > 0) {
    warnings.push({
      code: 'traits_invalid',
      message: `Dropped invalid traits (${droppedTraits.map((d) => `${d.field} ${d.reason}`).join('; ')}); their revenue weight is 0 until a valid token arrives.`,
      fields: droppedTraits.map((d) => d.field),
    });
  }
  const email = claims.email === undefined || claims.email === null ? undefined : emailSchema.safeParse(claims.email);
  if (email !== undefined && !email.success) {
    warnings.push({ code: 'email_invalid', message: `Dropped the email: it ${email.error.issues[0]?.message ?? 'is invalid'}; the token still identifies the user.`, fields: ['email'] });
  }
  return {
    sub: claims.sub,
    email: email?.success ? email.data : undefined,
    name: claims.name,
    claims,
    traits,
    monthlyAmount,
    traitsValid: dropped.length === 0,
    company: company.company,
    companyValid: company.valid,
    warnings,
    secretIndex,
  };
}
