import type { IdentityErrorCode } from '@reqio/shared';

/** Why an identity token was refused: `code` is one of CONTRACT §1's stable strings. */
export class IdentityTokenError extends Error {
  override readonly name = 'IdentityTokenError';
  readonly code: IdentityErrorCode;
  /** The claim at fault (`exp`, `aud`, `sub`, …), when one is. */
  readonly claim: string | undefined;
  /** The JOSE header parameter at fault (`alg`, `crit`, `jku`, …), when one is. */
  readonly header: string | undefined;

  constructor(code: IdentityErrorCode, message: string, detail: { claim?: string; header?: string } = {}) {
    super(message);
    this.code = code;
    this.claim = detail.claim;
    this.header = detail.header;
  }
}
