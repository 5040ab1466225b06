import { checkMintOptions, type MintOptions } from './check-mint-options.js';
import { checkGetUser, type GetUser } from './get-user.js';
import type { HttpRequest, HttpResponse, NextFunction } from './http-types.js';
import { mintIdentityToken } from './mint-identity-token.js';

/** Options of {@link reqioToken} and {@link createTokenHandler}. */
export interface TokenHelperOptions<Req extends HttpRequest = HttpRequest, Res extends HttpResponse = HttpResponse>
  extends MintOptions {
  getUser: GetUser<Req, Res>;
}

/**
 * Express middleware that mints a fresh token for the signed-in user into
 * `res.locals.reqioToken`, for server-rendered templates; sets nothing when nobody is signed in.
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
  const { getUser } = options;
  return async function reqioTokenMiddleware(request: Req, response: Res, next: NextFunction): Promise<void> {
    try {
      const user = await getUser(request, response);
      if (user) response.locals.reqioToken = await mintIdentityToken(user, mintOptions);
      next();
    } catch (error) {
      next(error);
    }
  };
}
