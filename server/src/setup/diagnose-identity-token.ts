import { createHmac, randomBytes } from 'node:crypto';
import { CompactSign } from 'jose';
import type { IdentityErrorCode, TokenCheck, TokenCheckId, TokenDiagnosis } from '@reqio/shared';
import { IdentityTokenError } from '../identity/identity-token-error.js';
import { parseCompactToken, type ParsedCompactToken } from '../identity/parse-compact-token.js';
import { verifyIdentityToken, type VerifiedIdentity, type VerifyIdentityTokenOptions } from '../identity/verify-identity-token.js';
import { getHmacKey } from '../lib/hmac-key-cache.js';
import { identityFix } from './identity-fixes.js';

/** The checks the debugger reports, in the order the service applies them. */
export const TOKEN_CHECKS = {
  format: 'Well-formed token',
  header: 'HS256 header',
  signature: "Signed with the project's secret",
  audience: "This project's audience",
  lifetime: 'Lives at most 300 seconds',
  expiry: 'Not expired',
  not_before: 'Already valid (iat, nbf)',
  claims: 'Claims well-formed (sub, email, name)',
  traits: 'Traits valid (plan, amount, interval)',
} as const satisfies Record<TokenCheckId, string>;

export type { TokenCheck, TokenCheckId, TokenDiagnosis } from '@reqio/shared';

// Checks past the signature re-sign the pasted claims with this key, so each rule is tested
// by verifyIdentityToken itself on its own, even when the signature or another claim is wrong.
// One key for the process: the HMAC key cache holds it once.
const PROBE_SECRET = `rq_sk_${randomBytes(32).toString('base64url')}`;

async function probe(claims: Record<string, unknown>, options: { audience: readonly string[]; leeway: number }): Promise<VerifiedIdentity | IdentityTokenError> {
  const token = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'HS256' })
    .sign(await getHmacKey(PROBE_SECRET));
  return settle(verifyIdentityToken(token, { secrets: PROBE_SECRET, audience: options.audience, clockTolerance: options.leeway }));
}

async function settle(verifying: Promise<VerifiedIdentity>): Promise<VerifiedIdentity | IdentityTokenError> {
  try {
    return await verifying;
  } catch (error) {
    if (error instanceof IdentityTokenError) return error;
    throw error;
  }
}

function parse(token: string): ParsedCompactToken | IdentityTokenError {
  try {
    return parseCompactToken(token);
  } catch (error) {
    if (error instanceof IdentityTokenError) return error;
    throw error;
  }
}

/** The payload of a token whose header or signature is refused: re-read with an acceptable header and signature. */
function readPayload(token: string): Record<string, unknown> | null {
  const [, payload] = token.split('.');
  if (payload === undefined) return null;
  const standIn = parse(`${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${payload}.${Buffer.alloc(32).toString('base64url')}`);
  return standIn instanceof IdentityTokenError ? null : standIn.payload;
}

/** Common ways to sign with the right secret wrongly, checked when the signature fails. */
function signatureHint(token: string, secrets: readonly string[]): string | undefined {
  const [header, payload, signature] = token.split('.');
  const input = `${header}.${payload}`;
  for (const secret of secrets) {
    const variants: [Buffer | string, string][] = [
      [Buffer.from(secret.replace(/^rq_sk_/, ''), 'base64url'), 'with the secret base64-decoded: use the secret string itself, as UTF-8 bytes.'],
      [`${secret}\n`, 'with a newline after the secret: trim the value you read from the environment or a file.'],
    ];
    for (const [key, hint] of variants) {
      if (createHmac('sha256', key).update(input).digest('base64url') === signature) return `It was signed ${hint}`;
    }
  }
  return undefined;
}

/**
 * Explains a pasted identity token: each of the service's checks, pass or fail, with the
 * contract's code and one sentence on the fix. The rules are verifyIdentityToken's own:
 * the token is verified as identify would, then each claim rule is probed on its own.
 * Nothing is stored or logged.
 *
 * @example
 * const { valid, code, checks } = await diagnoseIdentityToken(token, { secrets, audience, clockTolerance: 30 });
 */
export async function diagnoseIdentityToken(token: string, options: VerifyIdentityTokenOptions): Promise<TokenDiagnosis> {
  const secrets = typeof options.secrets === 'string' ? [options.secrets] : [...options.secrets];
  const audiences = typeof options.audience === 'string' ? [options.audience] : [...options.audience];
  const leeway = options.clockTolerance ?? 30;
  const context = { audience: audiences[0] ?? '', payload: null as Record<string, unknown> | null };
  const checks = new Map<TokenCheckId, TokenCheck>();
  const pass = (id: TokenCheckId, message: string) => checks.set(id, { id, label: TOKEN_CHECKS[id], status: 'pass', message });
  const fail = (id: TokenCheckId, error: IdentityTokenError, extra?: string) =>
    checks.set(id, {
      id,
      label: TOKEN_CHECKS[id],
      status: 'fail',
      code: error.code,
      message: error.message,
      fix: extra ?? identityFix(error.code, { claim: error.claim, header: error.header, ...context }),
    });
  const result = (code: IdentityErrorCode | null, header: Record<string, unknown> | null, identity: TokenDiagnosis['identity'] = null): TokenDiagnosis => ({
    valid: code === null,
    code,
    checks: (Object.keys(TOKEN_CHECKS) as TokenCheckId[]).map(
      (id) => checks.get(id) ?? { id, label: TOKEN_CHECKS[id], status: 'skip', message: 'Not checked: fix the failing check above first.' },
    ),
    header,
    payload: context.payload,
    identity,
  });

  // 1. Structure and header, exactly as identify parses them: the token as sent, whitespace
  // and all (the widget trims what it sends; identify does not).
  const parsed = parse(token);
  let header: Record<string, unknown> | null = null;
  if (parsed instanceof IdentityTokenError) {
    if (parsed.code === 'token_malformed' && parsed.header === undefined) {
      fail('format', parsed);
      return result(parsed.code, null);
    }
    context.payload = readPayload(token);
    if (context.payload === null) {
      fail('format', new IdentityTokenError('token_malformed', "The token's payload is not a base64url JSON object."));
      return result('token_malformed', null);
    }
    pass('format', 'Three base64url parts with a JSON header and payload.');
    if (parsed.code === 'signature_invalid') {
      pass('header', 'alg is HS256 and no other header parameter is set.');
      fail('signature', parsed);
    } else {
      fail('header', parsed);
    }
  } else {
    ({ header, payload: context.payload } = parsed);
    pass('format', 'Three base64url parts with a JSON header and payload.');
    pass('header', 'alg is HS256 and no other header parameter is set.');
  }
  const payload = context.payload;

  // 2. The token as identify verifies it: the verdict, and the signature.
  let verdict: IdentityTokenError | null = parsed instanceof IdentityTokenError ? parsed : null;
  if (!(parsed instanceof IdentityTokenError)) {
    const verified = await settle(verifyIdentityToken(token, { secrets, audience: audiences, clockTolerance: leeway }));
    if (verified instanceof IdentityTokenError && verified.code === 'signature_invalid') {
      const hint = signatureHint(token, secrets);
      fail('signature', verified, hint);
    } else {
      const byCurrent = secrets.length > 1 ? await settle(verifyIdentityToken(token, { secrets: secrets.slice(0, 1), audience: audiences, clockTolerance: leeway })) : undefined;
      const previous = byCurrent instanceof IdentityTokenError && byCurrent.code === 'signature_invalid';
      pass('signature', previous ? 'Signed with the previous secret, accepted only until its grace period ends: deploy the new one.' : 'Signed with the current secret.');
      if (!(verified instanceof IdentityTokenError)) {
        for (const id of ['audience', 'lifetime', 'expiry', 'not_before', 'claims'] as const) pass(id, 'OK.');
        traitsCheck(verified);
        return result(null, header, {
          sub: verified.sub,
          email: verified.email ?? null,
          name: verified.name ?? null,
          plan: verified.traits.plan ?? null,
          monthlyAmount: verified.monthlyAmount,
          signedWith: previous ? 'previous' : 'current',
        });
      }
    }
    if (verified instanceof IdentityTokenError) verdict = verified;
  }

  // 3. Each claim rule on its own, with every other claim made valid.
  const now = Math.floor(Date.now() / 1000);
  const valid = { sub: 'probe', aud: audiences[0], iat: now, exp: now + 60 };
  const probeOptions = { audience: audiences, leeway };
  const judge = async (id: TokenCheckId, claims: Record<string, unknown>, codes: IdentityErrorCode[], claimNames: string[], ok: string) => {
    const outcome = await probe(claims, probeOptions);
    const failed =
      outcome instanceof IdentityTokenError &&
      (codes.includes(outcome.code) || (outcome.code === 'claims_invalid' && outcome.claim !== undefined && claimNames.includes(outcome.claim)));
    if (failed) fail(id, outcome);
    else pass(id, ok);
    return outcome;
  };
  const { iat, exp, nbf } = payload;
  await judge('audience', { ...valid, aud: payload.aud }, ['audience_mismatch'], ['aud'], `aud contains ${audiences[0]}.`);
  const lifetime = await judge('lifetime', { ...valid, iat, exp }, ['token_lifetime_too_long'], ['iat', 'exp'], 'exp - iat is at most 300 s.');
  const timesReadable = !(lifetime instanceof IdentityTokenError && lifetime.code === 'claims_invalid');
  if (timesReadable) {
    await judge('expiry', { ...valid, exp, iat: (exp as number) - 300 }, ['token_expired'], [], `exp is ${new Date((exp as number) * 1000).toISOString()}, still ahead (with ${leeway} s of leeway).`);
    const early = await probe({ ...valid, iat, exp: (iat as number) + 1 }, probeOptions);
    const late = nbf === undefined ? early : await probe({ ...valid, nbf }, probeOptions);
    const notYet = [early, late].find((outcome) => outcome instanceof IdentityTokenError && (outcome.code === 'token_not_yet_valid' || outcome.claim === 'nbf'));
    if (notYet instanceof IdentityTokenError) fail('not_before', notYet);
    else pass('not_before', `iat${nbf === undefined ? '' : ' and nbf'} not in the future (with ${leeway} s of leeway).`);
  }
  const { nbf: _nbf, ...rest } = payload;
  const claims = await judge('claims', { ...rest, aud: valid.aud, iat: valid.iat, exp: valid.exp }, [], ['sub', 'email', 'name'], 'sub is a string of 1–255 characters; email and name, when sent, are well-formed.');
  if (!(claims instanceof IdentityTokenError)) traitsCheck(claims);
  else {
    const traits = await probe({ ...valid, traits: payload.traits }, probeOptions);
    if (!(traits instanceof IdentityTokenError)) traitsCheck(traits);
  }
  return result(verdict?.code ?? null, header);

  function traitsCheck(identity: VerifiedIdentity): void {
    const warning = identity.warnings[0];
    if (warning === undefined) {
      const amount = identity.traits.amount;
      checks.set('traits', {
        id: 'traits',
        label: TOKEN_CHECKS.traits,
        status: 'pass',
        message: amount === undefined ? 'No amount: this user weighs 0 in the revenue ranking.' : `Monthly amount ${identity.monthlyAmount} cents.`,
      });
    } else {
      checks.set('traits', {
        id: 'traits',
        label: TOKEN_CHECKS.traits,
        status: 'warn',
        code: 'traits_invalid',
        message: warning.message,
        fix: identityFix('traits_invalid', context),
      });
    }
  }
}
