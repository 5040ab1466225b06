import type { MintOptions } from './check-mint-options.js';
import type { GetUser } from './get-user.js';
import type { HttpRequest, HttpResponse } from './http-types.js';
import { mintIdentityToken } from './mint-identity-token.js';
import type { OnMintError } from './report-once.js';

/** What minting for one request came to. */
export type RequestToken = { kind: 'token'; token: string } | { kind: 'signed-out' } | { kind: 'failed' };

/**
 * Mints the token of the request's signed-in user. Whatever goes wrong (bad claims, a
 * `getUser` that throws) is reported and ends as `failed`: the helpers never break the host app.
 */
export async function mintForRequest<Req extends HttpRequest, Res extends HttpResponse>(
  request: Req,
  response: Res,
  helper: { getUser: GetUser<Req, Res>; mintOptions: Required<MintOptions>; report: OnMintError },
): Promise<RequestToken> {
  try {
    const user = await helper.getUser(request, response);
    if (!user) return { kind: 'signed-out' };
    return { kind: 'token', token: await mintIdentityToken(user, helper.mintOptions) };
  } catch (error) {
    helper.report(error instanceof Error ? error : new Error(`getUser failed: ${String(error)}`));
    return { kind: 'failed' };
  }
}
