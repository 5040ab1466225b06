// @reqio/server/mint: what a customer's Node server imports. Depends on @reqio/shared and
// jose alone; a test checks that it pulls in no Express and no database driver. The same
// source is built into the self-contained @reqio/mint package (server/mint/).
export { mintIdentityToken, type IdentityClaimsInput, type CompanyInput } from './mint-identity-token.js';
export { reqioToken, type TokenHelperOptions } from './reqio-token.js';
export { createTokenHandler } from './create-token-handler.js';
export { toAmount } from './to-amount.js';
export type { OnMintError } from './report-once.js';
export type { MintOptions } from './check-mint-options.js';
export type { GetUser } from './get-user.js';
export type { HttpRequest, HttpResponse, NextFunction } from './http-types.js';
export type { Traits } from '@reqio/shared';
