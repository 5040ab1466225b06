// @reqio/server: the service and identity token verification.
export {
  verifyIdentityToken,
  type VerifyIdentityTokenOptions,
  type VerifiedIdentity,
  type TraitsInvalidWarning,
} from './identity/verify-identity-token.js';
export { IdentityTokenError } from './identity/identity-token-error.js';
export { mintIdentityToken } from './mint/mint-identity-token.js';
