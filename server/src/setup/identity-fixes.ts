import type { IdentityErrorCode } from '@reqio/shared';

const MILLISECONDS = 1e11; // a NumericDate past this is a timestamp in milliseconds (year 5138 in seconds)

/** One sentence on how to fix a refused identity token, for the code and the claim at fault. */
export function identityFix(
  code: IdentityErrorCode | 'traits_invalid',
  context: { claim?: string | undefined; header?: string | undefined; audience: string; payload?: Record<string, unknown> | null },
): string {
  const iat = context.payload?.iat;
  const exp = context.payload?.exp;
  const inMilliseconds = (typeof iat === 'number' && iat > MILLISECONDS) || (typeof exp === 'number' && exp > MILLISECONDS);
  const seconds = 'Send iat and exp in whole seconds since the epoch (Math.floor(Date.now() / 1000), int(time.time()), time()), not milliseconds.';
  switch (code) {
    case 'token_malformed':
      if (context.header !== undefined) return `Remove the "${context.header}" header parameter: only alg (HS256), typ (JWT) and kid are accepted.`;
      return 'Paste the whole token exactly as your server minted it: three base64url parts joined by dots, without quotes, spaces or a "Bearer " prefix.';
    case 'algorithm_not_allowed':
      return 'Sign with HS256 and the project\'s secret (jwt.encode(..., algorithm="HS256"), SigningMethodHS256); RS256, "none" and others are refused.';
    case 'signature_invalid':
      return 'Sign with the project\'s current secret, used as its UTF-8 string (not base64-decoded, no trailing newline), and redeploy your server after a rotation.';
    case 'audience_mismatch':
      return `Set "aud" to the one string "${context.audience}", or add the audience you send to the project's extra audiences.`;
    case 'token_lifetime_too_long':
      return inMilliseconds ? seconds : 'Set exp = iat + 300 (or less): identity tokens live at most five minutes.';
    case 'token_expired':
      return inMilliseconds
        ? seconds
        : 'Mint a fresh token for every page view (or every call of your token provider) instead of caching one, and keep your server\'s clock synchronised.';
    case 'token_not_yet_valid':
      return inMilliseconds ? seconds : 'Set iat to the current time and drop nbf (or set it to now); if it already is, synchronise your server\'s clock (NTP).';
    case 'claims_invalid':
      switch (context.claim) {
        case 'sub':
          return 'Send "sub" as a string of 1–255 characters, e.g. String(user.id) or str(user.id).';
        case 'email':
          return 'Send "email" as the user\'s address (at most 254 characters), or leave it out.';
        case 'name':
          return 'Send "name" as a string of at most 200 characters, or leave it out.';
        case 'aud':
          return `Send "aud" as the one string "${context.audience}".`;
        default:
          return seconds;
      }
    case 'project_not_found':
      return 'Use the project id shown in the dashboard in data-project-id and in the audience.';
    case 'traits_invalid':
      return 'Send traits.amount as integer minor units as billed (9999, not 99.99), traits.interval as "month" or "year", traits.currency as an ISO 4217 code such as "EUR", and traits.plan as a string of at most 100 characters.';
  }
}
