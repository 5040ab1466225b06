/** Why a webhook delivery was refused: stable strings, returned as `error.code`. */
export const WEBHOOK_VERIFICATION_ERROR_CODES = [
  'invalid_secret',
  'missing_headers',
  'invalid_timestamp',
  'timestamp_too_old',
  'timestamp_too_new',
  'signature_invalid',
  'payload_invalid',
] as const;

/** A code from {@link WEBHOOK_VERIFICATION_ERROR_CODES}. */
export type WebhookVerificationErrorCode = (typeof WEBHOOK_VERIFICATION_ERROR_CODES)[number];

/** A webhook delivery that must not be trusted; answer it with a 4xx and do not act on it. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
  readonly code: WebhookVerificationErrorCode;

  constructor(code: WebhookVerificationErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
