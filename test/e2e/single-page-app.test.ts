import { describe, expect, it } from 'vitest';
import { hasChromium } from './support/launch-chromium.js';
import { adminRequest, seedRequest } from './support/seed-request.js';
import { useE2e } from './support/use-e2e.js';
import { openPanel, panel, voteButton, waitForList } from './support/widget-page.js';

interface AppWindow {
  events: { name: string; payload: unknown }[];
  errors: string[];
  logIn(): Promise<unknown>;
  logOut(): Promise<void>;
}

describe.skipIf(!hasChromium())('a single-page app: anonymous, then identify(), then reset()', () => {
  const e2e = useE2e();

  it('moves the anonymous vote to the user on login, and starts the next person clean on logout', async () => {
    const { app, host } = e2e;
    const seeded = await seedRequest(app, 'Export to CSV');
    const minted: string[] = [];
    let signedIn = false;
    host.route('/login', () => ((signedIn = true), { json: { ok: true } }));
    host.route('/logout', () => ((signedIn = false), { json: { ok: true } }));
    host.route('/reqio-token', async () => {
      if (!signedIn) return { status: 401, json: { error: 'signed out' } };
      const token = await app.mint({ sub: 'user_spa', email: 'grace@acme.test', traits: { plan: 'team', amount: 120000, interval: 'year' } });
      minted.push(token);
      return { json: { token } };
    });
    const page = await e2e.newPage();
    await page.goto(host.page('/app', 'single-page-app', { API: app.url, PROJECT_ID: app.project.id }));
    const anonymousIdKey = `reqio:${app.project.id}:anonymousId`;
    const readAnonymousId = () => page.evaluate((key) => localStorage.getItem(key), anonymousIdKey);

    // 1. Anonymous: nothing is asked of the API until the panel opens.
    await page.waitForFunction(() => (window as unknown as AppWindow).events.some((event) => event.name === 'ready'));
    expect(await readAnonymousId()).toBeNull();
    await openPanel(page);
    expect(await panel(page).locator('.who').count()).toBe(0);
    const firstAnonymousId = JSON.parse((await readAnonymousId()) ?? 'null') as string;
    expect(firstAnonymousId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    await voteButton(page, 'Export to CSV').click();
    await expect.poll(() => voteButton(page, 'Export to CSV').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await adminRequest(app, seeded.id)).request.votes).toBe(2);
    expect((await adminRequest(app, seeded.id)).voters).toEqual([]);

    // 2. Login: identify() with a provider; the anonymous vote becomes the user's.
    const user = await page.evaluate(() => (window as unknown as AppWindow).logIn());
    expect(user).toMatchObject({ id: 'user_spa', email: 'grace@acme.test', monthlyAmount: 10000 });
    await expect.poll(() => panel(page).locator('.who').textContent()).toBe('Signed in as grace@acme.test');
    await waitForList(page);
    expect(await voteButton(page, 'Export to CSV').getAttribute('aria-pressed')).toBe('true');
    const merged = await adminRequest(app, seeded.id);
    expect(merged.voters.map((voter) => voter.id)).toEqual(['user_spa']);
    expect(merged.request.votes).toBe(2);
    const events = await page.evaluate(() => (window as unknown as AppWindow).events);
    expect(events.map((event) => event.name)).toEqual(['ready', 'identified']);
    expect(events[1]?.payload).toMatchObject({ id: 'user_spa' });

    // 3. Logout: reset(); the next person sees none of it and gets a new anonymous id.
    await page.evaluate(() => (window as unknown as AppWindow).logOut());
    await expect.poll(() => panel(page).locator('.who').count()).toBe(0);
    await waitForList(page);
    expect(await voteButton(page, 'Export to CSV').getAttribute('aria-pressed')).toBe('false');
    expect(await voteButton(page, 'Export to CSV').textContent()).toBe('2');
    const nextAnonymousId = JSON.parse((await readAnonymousId()) ?? 'null') as string;
    expect(nextAnonymousId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(nextAnonymousId).not.toBe(firstAnonymousId);
    expect((await page.evaluate(() => (window as unknown as AppWindow).events)).map((event) => event.name)).toEqual(['ready', 'identified', 'reset']);

    // The same after a reload: the previous user's session is not picked up again.
    await page.reload();
    await openPanel(page);
    expect(await panel(page).locator('.who').count()).toBe(0);
    expect(await voteButton(page, 'Export to CSV').getAttribute('aria-pressed')).toBe('false');

    // Tokens only ever went to the API: none is in storage, none reached the console.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(minted.length).toBeGreaterThan(0);
    for (const token of minted) expect(stored).not.toContain(token);
    expect(await page.evaluate(() => (window as unknown as AppWindow).errors)).toEqual([]);
  });
});
