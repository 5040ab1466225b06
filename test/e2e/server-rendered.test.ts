import { describe, expect, it } from 'vitest';
import { hasChromium } from './support/launch-chromium.js';
import { adminRequest, seedRequest } from './support/seed-request.js';
import { useE2e } from './support/use-e2e.js';
import { openPanel, panel, voteButton } from './support/widget-page.js';

describe.skipIf(!hasChromium())('a server-rendered page with data-identity-token', () => {
  const e2e = useE2e();

  it('shows the user signed in, and their vote lands under them with their revenue', async () => {
    const { app, host } = e2e;
    const seeded = await seedRequest(app, 'Dark mode for reports');
    const token = await app.mint({ sub: 'user_ssr', email: 'ada@acme.test', traits: { plan: 'pro', amount: 4900, interval: 'month' } });
    const page = await e2e.newPage();
    await page.goto(host.page('/dashboard', 'server-rendered', { API: app.url, PROJECT_ID: app.project.id, TOKEN: token }));

    await openPanel(page);
    await expect.poll(() => panel(page).locator('.who').textContent()).toBe('Signed in as ada@acme.test');
    const vote = voteButton(page, 'Dark mode for reports');
    expect(await vote.getAttribute('aria-pressed')).toBe('false');
    await vote.click();
    await expect.poll(() => vote.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => vote.textContent()).toBe('2');

    const { voters, request } = await adminRequest(app, seeded.id);
    expect(voters.map((voter) => voter.id)).toEqual(['user_ssr']);
    expect(voters[0]?.monthlyAmount).toBe(4900);
    expect(request.votes).toBe(2);
    const ranked = (await (await app.admin('/requests?sort=revenue')).json()) as { requests: { id: string; monthlyRevenue: number }[] };
    expect(ranked.requests.find((entry) => entry.id === seeded.id)?.monthlyRevenue).toBe(4900);

    // The token went to the API and nowhere else: not into the widget's storage.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(stored).not.toContain(token);
    expect(stored).toContain(`reqio:${app.project.id}:session`);
  });

  it('falls back to anonymous with identity:error when the token is refused', async () => {
    const { app, host } = e2e;
    // One character flipped inside the signature (not the last, whose low bits are padding).
    const minted = await app.mint({ sub: 'user_forged' });
    const at = minted.length - 10;
    const forged = minted.slice(0, at) + (minted[at] === 'A' ? 'B' : 'A') + minted.slice(at + 1);
    const page = await e2e.newPage();
    const warnings: string[] = [];
    page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
    await page.addInitScript(() => {
      const w = window as unknown as { Reqio: unknown; errors: string[] };
      w.Reqio = { q: [['on', ['identity:error', (error: { code: string }) => w.errors.push(`identity:error ${error.code}`)]]] };
      w.errors = [];
    });
    await page.goto(host.page('/forged', 'server-rendered', { API: app.url, PROJECT_ID: app.project.id, TOKEN: forged }));
    await page.waitForFunction(() => (window as unknown as { errors: string[] }).errors.length > 0);
    expect(await page.evaluate(() => (window as unknown as { errors: string[] }).errors)).toEqual(['identity:error signature_invalid']);
    await openPanel(page);
    expect(await panel(page).locator('.who').count()).toBe(0);
    expect(warnings.some((text) => text.startsWith('[reqio] identify failed: signature_invalid'))).toBe(true);
    expect(warnings.join('\n')).not.toContain(forged);
  });
});
