import { ReqioApiError } from './reqio-api-error.js';

/** HTTP 400 `validation_failed`: `fields` maps each bad field (`url`, `events.0`) to what is wrong with it. */
export class ReqioValidationError extends ReqioApiError {
  override readonly name = 'ReqioValidationError';
  readonly fields: Readonly<Record<string, string>>;

  constructor(message: string, options: { status: number; fields: Record<string, string>; detail?: Record<string, unknown>; requestId?: string | undefined }) {
    super('validation_failed', message, options);
    this.fields = options.fields;
  }
}
