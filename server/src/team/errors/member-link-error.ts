import { ApiError } from '../../errors/api-error.js';

/**
 * A one-time link (invite, password reset) that cannot be used: HTTP 400 `link_invalid`
 * when it never existed or was altered, HTTP 410 `link_expired` (reason `used` or
 * `expired`) when it was real once. Nothing is changed either way.
 */
export class MemberLinkError extends ApiError {
  override readonly name = 'MemberLinkError';
  constructor(kind: 'invalid' | 'used' | 'expired') {
    if (kind === 'invalid') {
      super('link_invalid', 400, 'This link is not valid: check that it was copied whole, or ask an admin for a new one.');
    } else {
      super(
        'link_expired',
        410,
        kind === 'used' ? 'This link has been used already: each link works once. Ask an admin for a new one.' : 'This link has expired. Ask an admin for a new one.',
        { reason: kind },
      );
    }
  }
}
