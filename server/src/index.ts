// @reqio/server: the service and identity token verification.
export {
  verifyIdentityToken,
  type VerifyIdentityTokenOptions,
  type VerifiedIdentity,
  type TraitsInvalidWarning,
} from './identity/verify-identity-token.js';
export { IdentityTokenError } from './identity/identity-token-error.js';
export { mintIdentityToken } from './mint/mint-identity-token.js';
export { createApp } from './http/create-app.js';
export type { AppDeps, AdminAuthenticator, AdminCaller } from './http/app-deps.js';
export { startServer, type RunningServer } from './start-server.js';
export { createAppDeps } from './create-app-deps.js';
export { loadConfig, type Config } from './config/load-config.js';
