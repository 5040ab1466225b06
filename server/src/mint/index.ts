// @reqio/server/mint: what a customer's Node server imports. Depends on @reqio/shared and
// jose alone; a test checks that it pulls in no Express and no database driver.
export { mintIdentityToken, type IdentityClaimsInput } from './mint-identity-token.js';
export { reqioToken, type TokenHelperOptions } from './reqio-token.js';
export { createTokenHandler } from './create-token-handler.js';
export type { MintOptions } from './check-mint-options.js';
export type { GetUser } from './get-user.js';
export type { HttpRequest, HttpResponse, NextFunction } from './http-types.js';
export type { Traits } from '@reqio/shared';
