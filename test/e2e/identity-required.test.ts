import { describe, expect, it } from 'vitest';
import { hasChromium } from './support/launch-chromium.js';
import { adminRequest, seedRequest } from './support/seed-request.js';
import { useE2e } from './support/use-e2e.js';
import { openPanel, panel, voteButton } from './support/widget-page.js';

describe.skipIf(!hasChromium())('a project that requires identity', () => {
  const e2e = useE2e({ requireIdentity: true });

  it('asks an anonymous visitor to sign in, rolling the optimistic vote back', async () => {
    const { app, host } = e2e;
    const seeded = await seedRequest(app, 'Audit log', { as: { sub: 'user_author' } });
    const page = await e2e.newPage();
    await page.goto(host.page('/anonymous', 'server-rendered', { API: app.url, PROJECT_ID: app.project.id, TOKEN: '' }));
    await openPanel(page);
    const vote = voteButton(page, 'Audit log');
    await vote.click();
    await expect.poll(() => panel(page).getByRole('alert').textContent()).toBe('Sign in to vote.');
    expect(await vote.getAttribute('aria-pressed')).toBe('false');
    expect(await vote.textContent()).toBe('1');
    expect((await adminRequest(app, seeded.id)).request.votes).toBe(1);

    await panel(page).getByRole('button', { name: 'Suggest a feature' }).click();
    await panel(page).getByLabel('Title').fill('Let me post anonymously');
    await panel(page).getByRole('button', { name: 'Post' }).click();
    await expect.poll(() => panel(page).getByRole('alert').textContent()).toBe('Sign in to post a request.');
  });

  it('lets a signed-in user vote', async () => {
    const { app, host } = e2e;
    await seedRequest(app, 'SAML', { as: { sub: 'user_author' } });
    const token = await app.mint({ sub: 'user_voter', email: 'kim@acme.test' });
    const page = await e2e.newPage();
    await page.goto(host.page('/signed-in', 'server-rendered', { API: app.url, PROJECT_ID: app.project.id, TOKEN: token }));
    await openPanel(page);
    await voteButton(page, 'SAML').click();
    await expect.poll(() => voteButton(page, 'SAML').getAttribute('aria-pressed')).toBe('true');
    expect(await panel(page).getByRole('alert').count()).toBe(0);
  });
});
