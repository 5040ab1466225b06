import express, { type Request, type RequestHandler, type Response } from 'express';
import type { ProjectKeyRing } from '../identity/project-key-ring.js';
// The mint package's entry (`@reqio/server/mint`), imported by path because this package
// cannot import itself by name while it is being compiled.
import { createTokenHandler, reqioToken } from '../mint/index.js';
import { loadProject } from '../services/projects/load-project.js';
import { readCookie, serializeCookie } from '../team/cookies.js';
import { demoContentSecurityPolicy } from './demo-content-security-policy.js';
import { demoClaims, findDemoUser, type DemoUser } from './demo-users.js';
import { renderDemoHome, renderServerRenderedPage, renderSpaPage } from './render-demo-pages.js';

const USER_COOKIE = 'reqio_demo_user';

const sendPage = (response: Response, html: string) => response.set('Content-Security-Policy', demoContentSecurityPolicy(html)).type('html').send(html);

/** Options of {@link createDemoRouter}. */
export interface DemoOptions {
  keyRing: ProjectKeyRing;
  publicUrl: string;
  /** The demo project, whose widget the pages embed. */
  projectId: string;
}

const signedInUser = (request: Request): DemoUser | undefined => findDemoUser(readCookie(request, USER_COOKIE));
const getUser = (request: Request) => {
  const user = signedInUser(request);
  return user ? demoClaims(user) : null;
};

/**
 * The demo host app at `/demo`: what a customer's product does with Reqio. It plays the
 * customer's server, so it signs with the demo project's current secret, read from the store
 * so that rotating it in the dashboard does not break the demo (a real app would read its
 * `REQIO_SECRET` from its environment).
 */
export function createDemoRouter(options: DemoOptions) {
  const { keyRing, publicUrl, projectId } = options;
  const audience = `${publicUrl}/p/${projectId}`;
  let helpers: { secret: string; middleware: RequestHandler; handler: RequestHandler } | undefined;
  const currentHelpers = async () => {
    const entry = await loadProject(keyRing, projectId);
    const secret = entry.secrets[0]!.secret; // current first
    if (helpers?.secret !== secret) {
      const mintOptions = { secret, audience, getUser };
      helpers = {
        secret,
        middleware: reqioToken<Request, Response>(mintOptions) as unknown as RequestHandler,
        handler: createTokenHandler<Request, Response>(mintOptions) as unknown as RequestHandler,
      };
    }
    return helpers;
  };
  const secure = publicUrl.startsWith('https:');
  const setUser = (response: Response, user: DemoUser | undefined) =>
    response.append('Set-Cookie', serializeCookie(USER_COOKIE, user?.key ?? '', { maxAgeSeconds: user ? 7 * 24 * 3600 : 0, secure }));
  const publicUser = (user: DemoUser | undefined) => user && { name: user.name, email: user.email, plan: user.plan, price: user.price };

  const router = express.Router();
  router.use(express.json({ limit: '4kb' }), express.urlencoded({ extended: false, limit: '4kb' }));
  router.get('/', (_request, response) => {
    sendPage(response, renderDemoHome(projectId));
  });
  router.get(
    '/server-rendered',
    async (request, response, next) => (await currentHelpers()).middleware(request, response, next),
    (request, response) => {
      response.set('Cache-Control', 'no-store');
      const token = typeof response.locals.reqioToken === 'string' ? response.locals.reqioToken : undefined;
      sendPage(response, renderServerRenderedPage({ projectId, user: signedInUser(request), token }));
    },
  );
  router.get('/spa', (_request, response) => {
    sendPage(response, renderSpaPage(projectId));
  });
  router.get('/reqio-token', async (request, response, next) => (await currentHelpers()).handler(request, response, next));
  router.get('/me', (request, response) => {
    response.set('Cache-Control', 'no-store').json({ user: publicUser(signedInUser(request)) ?? null });
  });
  router.post('/login', (request, response) => {
    const user = findDemoUser(typeof request.body?.user === 'string' ? request.body.user : undefined);
    setUser(response, user);
    afterChange(request, response, user);
  });
  router.post('/logout', (request, response) => {
    setUser(response, undefined);
    afterChange(request, response, undefined);
  });

  // A form post (the server-rendered page) goes back to its page; fetch (the SPA) gets JSON.
  function afterChange(request: Request, response: Response, user: DemoUser | undefined): void {
    const back = request.body?.return;
    if (request.is('application/x-www-form-urlencoded') && typeof back === 'string' && back.startsWith('/demo/')) response.redirect(303, back);
    else response.json({ user: publicUser(user) ?? null });
  }
  return router;
}
