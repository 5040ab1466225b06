import type { IdentityClaimsInput } from './mint-identity-token.js';
import type { HttpRequest, HttpResponse } from './http-types.js';

/** Returns the signed-in user's claims, or null/undefined when nobody is signed in. */
export type GetUser<Req extends HttpRequest = HttpRequest, Res extends HttpResponse = HttpResponse> = (
  request: Req,
  response: Res,
) => IdentityClaimsInput | null | undefined | Promise<IdentityClaimsInput | null | undefined>;

/** Checks a `getUser` option once, at build time. */
export function checkGetUser(getUser: unknown, caller: string): void {
  if (typeof getUser !== 'function') {
    throw new TypeError(`${caller}: options.getUser must be a function returning the signed-in user's claims, or null`);
  }
}
