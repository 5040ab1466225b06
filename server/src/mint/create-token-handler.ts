import { checkMintOptions } from './check-mint-options.js';
import { checkGetUser } from './get-user.js';
import type { HttpRequest, HttpResponse, NextFunction } from './http-types.js';
import { mintIdentityToken } from './mint-identity-token.js';
import type { TokenHelperOptions } from './reqio-token.js';

/**
 * A handler for a `GET /reqio-token` endpoint that SPAs call after login: answers
 * `{ token, expiresAt }` for the signed-in user, 401 JSON when there is none, never cached.
 *
 * @example
 * app.get('/reqio-token', createTokenHandler({ secret, audience, getUser: (req) => req.user && { sub: req.user.id } }));
 * // browser: Reqio.identify(() => fetch('/reqio-token').then((r) => r.json()).then((b) => b.token));
 */
export function createTokenHandler<Req extends HttpRequest = HttpRequest, Res extends HttpResponse = HttpResponse>(
  options: TokenHelperOptions<Req, Res>,
) {
  const mintOptions = checkMintOptions(options, 'createTokenHandler');
  checkGetUser(options.getUser, 'createTokenHandler');
  const { getUser } = options;
  return async function reqioTokenHandler(request: Req, response: Res, next: NextFunction): Promise<void> {
    try {
      response.set('Cache-Control', 'no-store');
      const user = await getUser(request, response);
      if (!user) {
        response.status(401).json({ error: { code: 'unauthorized', message: 'Sign in to get a Reqio identity token.' } });
        return;
      }
      const token = await mintIdentityToken(user, mintOptions);
      const expiresAt = new Date((Math.floor(Date.now() / 1000) + mintOptions.expiresIn) * 1000).toISOString();
      response.status(200).json({ token, expiresAt });
    } catch (error) {
      next(error);
    }
  };
}
