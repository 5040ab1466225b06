/** Why an identity token was refused: stable strings, returned as `error.code` (CONTRACT §1). */
export const IDENTITY_ERROR_CODES = [
  'token_malformed',
  'algorithm_not_allowed',
  'signature_invalid',
  'token_expired',
  'token_not_yet_valid',
  'token_lifetime_too_long',
  'audience_mismatch',
  'claims_invalid',
  'project_not_found',
] as const;

/** A code from {@link IDENTITY_ERROR_CODES}. */
export type IdentityErrorCode = (typeof IDENTITY_ERROR_CODES)[number];

/** Problems that do not refuse a token but are reported beside the result. */
export const WARNING_CODES = ['traits_invalid', 'email_invalid', 'currency_unknown'] as const;

/** A code from {@link WARNING_CODES}. */
export type WarningCode = (typeof WARNING_CODES)[number];

/** Every `error.code` the HTTP API can answer with: the identity codes plus the API's own. */
export const API_ERROR_CODES = [
  ...IDENTITY_ERROR_CODES,
  'validation_failed',
  'malformed_json',
  'payload_too_large',
  'unauthorized',
  'session_expired',
  'forbidden',
  'identity_required',
  'not_found',
  'conflict',
  'link_invalid',
  'link_expired',
  'request_merged',
  'request_deleted',
  'merge_into_self',
  'rate_limited',
  'internal_error',
] as const;

/** A code from {@link API_ERROR_CODES}. */
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Whether `value` is one of the identity verification codes. */
export function isIdentityErrorCode(value: unknown): value is IdentityErrorCode {
  return typeof value === 'string' && (IDENTITY_ERROR_CODES as readonly string[]).includes(value);
}
