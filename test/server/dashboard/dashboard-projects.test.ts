import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyIdentityToken } from '@reqio/server';
import { identifyAs } from '../../helpers/widget-client.js';
import { nowSeconds, signRaw } from '../../helpers/tokens.js';
import { dashboardBrowser, signedInOwner, startDashboardApp, stepUp, type DashboardBrowser } from './dashboard-browser.js';

type App = Awaited<ReturnType<typeof startDashboardApp>>;

let app: App;
let owner: DashboardBrowser;
const logLines: string[] = [];
beforeAll(async () => {
  const sink = new Writable({ write: (chunk, _encoding, done) => void (logLines.push(String(chunk)), done()) });
  app = await startDashboardApp({ logger: pino({ level: 'debug' }, sink) });
  owner = await signedInOwner(app);
});
afterAll(() => app.close());

const admin = (path: string) => `/v1/admin/projects/${app.project.id}${path}`;
const dashboard = (path: string) => `/dashboard/api/projects/${app.project.id}${path}`;

describe("the owner's session on the admin API", () => {
  it('reads with the cookie, and changes only with the CSRF token', async () => {
    const alice = await identifyAs(app, { sub: 'alice', email: 'alice@example.com', traits: { plan: 'pro', amount: 4900 } });
    const created = await alice.json('POST', '/requests', { title: 'Dark mode please' });
    const requestId = created.body.request.id as string;
    await alice.json('PUT', `/requests/${requestId}/vote`);

    const list = await owner.json('GET', admin('/requests?sort=revenue'));
    expect(list.status).toBe(200);
    expect(list.body.requests[0]).toMatchObject({ title: 'Dark mode please', votes: 1, monthlyRevenue: 4900 });

    const forged = await owner.json('PATCH', admin(`/requests/${requestId}`), { status: 'planned' }, { csrf: false });
    expect(forged.status).toBe(403);
    expect(forged.body.error.reason).toBe('csrf_token_invalid');
    const changed = await owner.json('PATCH', admin(`/requests/${requestId}`), { status: 'planned' });
    expect(changed.body.request.status).toBe('planned');

    expect((await dashboardBrowser(app.url).json('GET', admin('/requests'))).status).toBe(401);
  });

  it('lists and creates projects; the new secret and key are shown once and work', async () => {
    const created = await owner.json('POST', '/dashboard/api/projects', { name: 'Second app', allowedOrigins: ['https://app.example.com/path'] });
    expect(created.status).toBe(201);
    expect(created.response.headers.get('cache-control')).toBe('no-store');
    const { project, secret, apiKey } = created.body;
    expect(project).toMatchObject({ name: 'Second app', allowedOrigins: ['https://app.example.com'], audience: `${app.url}/p/${project.id}` });
    expect(secret).toMatch(/^rq_sk_[A-Za-z0-9_-]{43}$/);
    const keyCall = await fetch(`${app.url}/v1/admin/projects/${project.id}`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(keyCall.status).toBe(200);
    const listed = await owner.json('GET', '/dashboard/api/projects');
    expect(listed.body.projects.map((candidate: { name: string }) => candidate.name)).toEqual(['Test project', 'Second app']);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
  });
});

describe('the secret', () => {
  it('is rotated with a grace period, revealed only after the password, and the grace can end', async () => {
    const before = await owner.json('GET', dashboard('/secret'));
    expect(before.body).toEqual({ current: { createdAt: expect.any(String) }, previous: null });

    const unconfirmed = await owner.json('POST', admin('/secrets'), { gracePeriodSeconds: 3600 });
    expect(unconfirmed.status).toBe(403);
    expect(unconfirmed.body.error).toMatchObject({ code: 'forbidden', reason: 'step_up_required' });
    await stepUp(owner);
    const rotated = await owner.json('POST', admin('/secrets'), { gracePeriodSeconds: 3600 });
    expect(rotated.status).toBe(200);
    const { secret } = rotated.body;
    const status = await owner.json('GET', dashboard('/secret'));
    expect(Date.parse(status.body.previous.validUntil) - Date.now()).toBeGreaterThan(3500_000);

    const wrong = await owner.json('POST', '/dashboard/api/step-up', { password: 'not my password!' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toMatchObject({ reason: 'credentials_invalid', message: 'The password is not right.' });
    const refused = await owner.json('POST', dashboard('/secret/reveal'));
    expect(refused.status).toBe(403);
    expect(refused.body.error.reason).toBe('step_up_required');
    expect(JSON.stringify(refused.body)).not.toContain('rq_sk_');
    await stepUp(owner);
    const noCsrf = await owner.json('POST', dashboard('/secret/reveal'), undefined, { csrf: false });
    expect(noCsrf.status).toBe(403);
    const revealed = await owner.json('POST', dashboard('/secret/reveal'));
    expect(revealed.body).toEqual({ secret });
    expect(revealed.response.headers.get('cache-control')).toBe('no-store');
    // Each step-up is good for one action: the next reveal asks again.
    expect((await owner.json('POST', dashboard('/secret/reveal'))).body.error.reason).toBe('step_up_required');

    const ended = await owner.json('DELETE', admin('/secrets/previous'));
    expect(ended.body).toEqual({ ended: true });
    expect((await owner.json('GET', dashboard('/secret'))).body.previous).toBeNull();
  });

  it('never reaches the log', () => {
    expect(logLines.join('')).toContain('identity secret revealed');
    expect(logLines.join('')).not.toMatch(/rq_sk_/);
  });
});

describe('the token debugger route', () => {
  it("diagnoses with the project's current secrets and audience, storing nothing", async () => {
    await stepUp(owner);
    const revealed = await owner.json('POST', dashboard('/secret/reveal'));
    const secret = revealed.body.secret as string;
    const audience = `${app.url}/p/${app.project.id}`;
    const expired = signRaw({ alg: 'HS256' }, { sub: 'u1', aud: audience, iat: nowSeconds() - 900, exp: nowSeconds() - 600 }, secret);
    const failuresBefore = (await owner.json('GET', admin('/identify-failures'))).body.failures.length;

    const answer = await owner.json('POST', dashboard('/debug-token'), { token: expired });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ valid: false, code: 'token_expired' });
    expect(answer.body.checks.find((check: { id: string }) => check.id === 'signature').status).toBe('pass');
    expect(answer.response.headers.get('cache-control')).toBe('no-store');

    const good = await owner.json('POST', dashboard('/debug-token'), { token: signRaw({ alg: 'HS256' }, { sub: 'u1', aud: audience, iat: nowSeconds(), exp: nowSeconds() + 60 }, secret) });
    expect(good.body.valid).toBe(true);
    await expect(verifyIdentityToken(expired, { secrets: secret, audience }).catch((error) => error.code)).resolves.toBe('token_expired');

    expect((await owner.json('GET', admin('/identify-failures'))).body.failures).toHaveLength(failuresBefore);
    expect(logLines.join('')).not.toContain(expired.split('.')[2]!);
    const unsigned = await dashboardBrowser(app.url).json('POST', dashboard('/debug-token'), { token: expired });
    expect(unsigned.status).toBe(401);
  });

  it('shows the live failure log with counts, never the token', async () => {
    const bad = signRaw({ alg: 'HS256' }, { sub: 'u1', aud: 'https://wrong.example/p/x', iat: nowSeconds(), exp: nowSeconds() + 60 }, 'rq_sk_' + 'z'.repeat(43));
    await fetch(`${app.url}/v1/projects/${app.project.id}/identify`, { method: 'POST', headers: { 'content-type': 'application/json', origin: app.url }, body: JSON.stringify({ token: bad }) });
    const log = await owner.json('GET', admin('/identify-failures'));
    expect(log.body.failures[0]).toEqual({ code: 'signature_invalid', origin: app.url, at: expect.any(String), expectedAudience: null, receivedAudience: null });
    expect(log.body.counts.signature_invalid).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(log.body)).not.toContain(bad.split('.')[2]!);
  });
});

describe('snippets', () => {
  it("are filled in with the project's real id and audience", async () => {
    const answer = await owner.json('GET', dashboard('/snippets/python'));
    expect(answer.body.stack).toBe('python');
    expect(answer.body.mint[0].code).toContain(`REQIO_AUDIENCE = "${app.url}/p/${app.project.id}"`);
    expect(answer.body.embed[0].code).toContain(`data-project-id="${app.project.id}"`);
    const unknown = await owner.json('GET', dashboard('/snippets/cobol'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields.stack).toContain('nextjs, node, python, php, ruby, go');
  });
});
