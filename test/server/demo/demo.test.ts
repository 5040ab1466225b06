import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyIdentityToken } from '@reqio/server';
import { installDemo } from '../../../server/src/demo/install-demo.js';
import { renderServerRenderedPage } from '../../../server/src/demo/render-demo-pages.js';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ customize: (deps, { project }) => installDemo(deps, { projectId: project.id }) });
});
afterAll(() => app.close());

const tokenIn = (html: string) => html.match(/data-identity-token="([^"]+)"/)?.[1];
const signIn = async (user: string) => {
  const response = await fetch(`${app.url}/demo/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ user, return: '/demo/server-rendered' }),
    redirect: 'manual',
  });
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe('/demo/server-rendered');
  return response.headers.getSetCookie()[0]!.split(';')[0]!;
};

describe('the demo host app', () => {
  it('describes itself at /demo', async () => {
    const response = await fetch(`${app.url}/demo`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(app.project.id);
    expect(html).toContain('href="/demo/server-rendered"');
    expect(html).toContain('href="/demo/spa"');
  });

  it('renders the server-rendered page anonymously without a token', async () => {
    const html = await (await fetch(`${app.url}/demo/server-rendered`)).text();
    expect(html).toContain(`<script src="/widget.js" data-project-id="${app.project.id}" async></script>`);
    expect(tokenIn(html)).toBeUndefined();
  });

  it('mints a token on the server for the signed-in user, which identify accepts', async () => {
    const cookie = await signIn('ada');
    const html = await (await fetch(`${app.url}/demo/server-rendered`, { headers: { cookie } })).text();
    const token = tokenIn(html)!;
    const identity = await verifyIdentityToken(token, { secrets: app.project.secret, audience: app.project.audience });
    expect(identity).toMatchObject({ sub: '1001', email: 'ada@analytical.example', monthlyAmount: 100_000 });
    expect(identity.claims.exp - identity.claims.iat).toBe(300);
    const identify = await fetch(`${app.url}/v1/projects/${app.project.id}/identify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.url },
      body: JSON.stringify({ token }),
    });
    expect(identify.status).toBe(200);
    expect(((await identify.json()) as { user: unknown }).user).toMatchObject({ id: '1001', email: 'ada@analytical.example', plan: 'Enterprise', monthlyAmount: 100_000 });
  });

  it('answers GET /demo/reqio-token with the mint handler: 401 signed out, a token signed in', async () => {
    const signedOut = await fetch(`${app.url}/demo/reqio-token`);
    expect(signedOut.status).toBe(401);
    expect(((await signedOut.json()) as { error: { code: string } }).error.code).toBe('unauthorized');

    const login = await fetch(`${app.url}/demo/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'grace' }) });
    expect(await login.json()).toEqual({ user: { name: 'Grace Hopper', email: 'grace@cobol.example', plan: 'Pro', price: '$49 a month' } });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    expect((await (await fetch(`${app.url}/demo/me`, { headers: { cookie } })).json()) as object).toMatchObject({ user: { name: 'Grace Hopper' } });
    const answer = await fetch(`${app.url}/demo/reqio-token`, { headers: { cookie } });
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const { token } = (await answer.json()) as { token: string };
    await expect(verifyIdentityToken(token, { secrets: app.project.secret, audience: app.project.audience })).resolves.toMatchObject({ sub: '1002', monthlyAmount: 4900 });

    const logout = await fetch(`${app.url}/demo/logout`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{}' });
    expect(logout.headers.getSetCookie()[0]).toMatch(/^reqio_demo_user=; .*Max-Age=0/);
  });

  it('follows a rotation of the demo project secret', async () => {
    const cookie = await signIn('linus');
    const rotated = (await (await app.admin('/secrets', { method: 'POST', body: JSON.stringify({ gracePeriodSeconds: 0 }) })).json()) as { secret: string };
    const { token } = (await (await fetch(`${app.url}/demo/reqio-token`, { headers: { cookie } })).json()) as { token: string };
    await expect(verifyIdentityToken(token, { secrets: rotated.secret, audience: app.project.audience })).resolves.toMatchObject({ sub: '1003', monthlyAmount: 0 });
    await expect(verifyIdentityToken(token, { secrets: app.project.secret, audience: app.project.audience })).rejects.toMatchObject({ code: 'signature_invalid' });
  });

  it('serves the SPA page with the queue stub before the widget and identify() with the token endpoint', async () => {
    const html = await (await fetch(`${app.url}/demo/spa`)).text();
    const stub = html.indexOf("['identify','reset','open','close','on','off']");
    const widget = html.indexOf(`<script src="/widget.js" data-project-id="${app.project.id}" async></script>`);
    expect(stub).toBeGreaterThan(0);
    expect(widget).toBeGreaterThan(stub);
    expect(html).toContain("fetch('/demo/reqio-token'");
    expect(html).toContain('Reqio.identify(provider)');
    expect(html).toContain('Reqio.reset()');
  });

  it('escapes what it prints', () => {
    const html = renderServerRenderedPage({
      projectId: 'prj_"><script>alert(1)</script>',
      user: { key: 'x', id: 1, name: '<img src=x onerror=alert(1)>', email: 'a@b.co', plan: '"plan"', price: 'free' },
      token: 'a"b',
    });
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('data-identity-token="a&quot;b"');
  });
});
