import type { IdentityErrorCode } from '@reqio/shared';

/** Why an identity token was refused: `code` is one of CONTRACT §1's stable strings. */
export class IdentityTokenError extends Error {
  override readonly name = 'IdentityTokenError';
  readonly code: IdentityErrorCode;
  /** The claim at fault (`exp`, `aud`, `sub`, …), when one is. */
  readonly claim: string | undefined;
  /** The JOSE header parameter at fault (`alg`, `crit`, `jku`, …), when one is. */
  readonly header: string | undefined;
  /** With `audience_mismatch`: the audience the project expects (public: a URL and the project id), so a developer sees what to send. */
  readonly expectedAudience: string | undefined;

  constructor(code: IdentityErrorCode, message: string, detail: { claim?: string; header?: string; expectedAudience?: string } = {}) {
    super(message);
    this.code = code;
    this.claim = detail.claim;
    this.header = detail.header;
    this.expectedAudience = detail.expectedAudience;
  }
}
