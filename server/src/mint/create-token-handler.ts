import { checkMintOptions } from './check-mint-options.js';
import { checkGetUser } from './get-user.js';
import type { HttpRequest, HttpResponse } from './http-types.js';
import { mintForRequest } from './mint-for-request.js';
import { reportOnce } from './report-once.js';
import type { TokenHelperOptions } from './reqio-token.js';

/**
 * A handler for a `GET /reqio-token` endpoint that SPAs call after login: `200 { token,
 * expiresAt }` for the signed-in user, `401` JSON when there is none, `204` (no token) when
 * the user's claims are bad (reported to `onError`); never cached, never a 500.
 *
 * @example
 * app.get('/reqio-token', createTokenHandler({ secret, audience, getUser: (req) => req.user && { sub: req.user.id } }));
 * // browser: Reqio.identify(() => fetch('/reqio-token').then((r) => (r.status === 200 ? r.json() : null)).then((b) => b && b.token));
 */
export function createTokenHandler<Req extends HttpRequest = HttpRequest, Res extends HttpResponse = HttpResponse>(
  options: TokenHelperOptions<Req, Res>,
) {
  const mintOptions = checkMintOptions(options, 'createTokenHandler');
  checkGetUser(options.getUser, 'createTokenHandler');
  const helper = { getUser: options.getUser, mintOptions, report: reportOnce(options.onError) };
  return async function reqioTokenHandler(request: Req, response: Res): Promise<void> {
    response.set('Cache-Control', 'no-store');
    const result = await mintForRequest(request, response, helper);
    if (result.kind === 'signed-out') {
      response.status(401).json({ error: { code: 'unauthorized', message: 'Sign in to get a Reqio identity token.' } });
    } else if (result.kind === 'failed') {
      response.status(204).end();
    } else {
      const expiresAt = new Date((Math.floor(Date.now() / 1000) + mintOptions.expiresIn) * 1000).toISOString();
      response.status(200).json({ token: result.token, expiresAt });
    }
  };
}
