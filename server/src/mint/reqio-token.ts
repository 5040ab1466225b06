import { checkMintOptions, type MintOptions } from './check-mint-options.js';
import { checkGetUser, type GetUser } from './get-user.js';
import type { HttpRequest, HttpResponse, NextFunction } from './http-types.js';
import { mintForRequest } from './mint-for-request.js';
import { reportOnce, type OnMintError } from './report-once.js';

/** Options of {@link reqioToken} and {@link createTokenHandler}. */
export interface TokenHelperOptions<Req extends HttpRequest = HttpRequest, Res extends HttpResponse = HttpResponse>
  extends MintOptions {
  getUser: GetUser<Req, Res>;
  /**
   * Told once per cause when a signed-in user gets no token (claims that fail the schema, a
   * `getUser` that throws). Default: `console.warn` naming the field, never the secret.
   */
  onError?: OnMintError;
}

/**
 * Express middleware that puts a fresh token for the signed-in user on
 * `res.locals.reqioToken` for server-rendered templates. It is always set: the token, or `''`
 * when nobody is signed in or the user's claims are bad (reported to `onError`); the request
 * always goes on, so the widget can never break a page.
 *
 * @example
 * app.use(reqioToken({ secret, audience, getUser: (req) => req.user && { sub: String(req.user.id), email: req.user.email } }));
 * // template: <script src="…/widget.js" data-project-id="…" data-identity-token="<%= reqioToken %>" async></script>
 */
export function reqioToken<Req extends HttpRequest = HttpRequest, Res extends HttpResponse = HttpResponse>(
  options: TokenHelperOptions<Req, Res>,
) {
  const mintOptions = checkMintOptions(options, 'reqioToken');
  checkGetUser(options.getUser, 'reqioToken');
  const helper = { getUser: options.getUser, mintOptions, report: reportOnce(options.onError) };
  return async function reqioTokenMiddleware(request: Req, response: Res, next: NextFunction): Promise<void> {
    response.locals.reqioToken = '';
    const result = await mintForRequest(request, response, helper);
    if (result.kind === 'token') response.locals.reqioToken = result.token;
    next();
  };
}
