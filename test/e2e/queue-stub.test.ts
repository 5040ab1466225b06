import { describe, expect, it } from 'vitest';
import { hasChromium } from './support/launch-chromium.js';
import { adminRequest, seedRequest } from './support/seed-request.js';
import { useE2e } from './support/use-e2e.js';
import { panel, voteButton, waitForList } from './support/widget-page.js';

interface StubWindow {
  events: string[];
  errors: string[];
  tokenCalls: number;
  queuedBeforeLoad: number;
  keptReference: unknown;
  Reqio: { version?: string; q?: unknown };
}

describe.skipIf(!hasChromium())('the queue stub and session renewal', () => {
  // Sessions end after 2 s, so the provider has to be asked again during the test.
  const e2e = useE2e({ sessionTtlSeconds: 2 });

  it('honours calls made before the script loaded, loads once, and renews an ended session through the provider', async () => {
    const { app, host } = e2e;
    await seedRequest(app, 'Slack integration');
    const seeded = await seedRequest(app, 'Single sign-on');
    host.route('/reqio-token', async () => ({ json: { token: await app.mint({ sub: 'user_stub', email: 'lin@acme.test' }) } }));
    const page = await e2e.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
    await page.goto(host.page('/stub', 'queue-stub', { API: app.url, PROJECT_ID: app.project.id }));

    // open() and identify(provider) were queued; the panel opens signed in.
    // Which of the two comes first depends on the network and on when the page is idle.
    await expect.poll(async () => (await page.evaluate(() => (window as unknown as StubWindow).events)).sort()).toEqual(['identified:user_stub', 'ready']);
    await panel(page).waitFor();
    await expect.poll(() => panel(page).locator('.who').textContent()).toBe('Signed in as lin@acme.test');
    await waitForList(page);
    const state = await page.evaluate(() => {
      const w = window as unknown as StubWindow;
      return {
        hosts: document.querySelectorAll('reqio-widget').length,
        sameObject: w.keptReference === w.Reqio,
        version: typeof w.Reqio.version,
        queue: 'q' in w.Reqio,
        queuedBeforeLoad: w.queuedBeforeLoad,
        tokenCalls: w.tokenCalls,
      };
    });
    expect(state).toEqual({ hosts: 1, sameObject: true, version: 'string', queue: false, queuedBeforeLoad: 5, tokenCalls: 1 });

    // The session (2 s) ends; the next call gets a fresh token from the provider, silently.
    await page.waitForTimeout(2_500);
    await voteButton(page, 'Single sign-on').click();
    await expect.poll(() => voteButton(page, 'Single sign-on').getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => (window as unknown as StubWindow).tokenCalls)).toBe(2);
    expect(await panel(page).locator('.error').count()).toBe(0);
    expect((await adminRequest(app, seeded.id)).voters.map((voter) => voter.id)).toEqual(['user_stub']);

    // Once more, now through a list reload after the session ended again.
    await page.waitForTimeout(2_500);
    await panel(page).getByRole('tab', { name: 'New' }).click();
    await waitForList(page);
    expect(await voteButton(page, 'Single sign-on').getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => (window as unknown as StubWindow).tokenCalls)).toBe(3);
    expect((await page.evaluate(() => (window as unknown as StubWindow).events)).sort()).toEqual([
      'identified:user_stub',
      'identified:user_stub',
      'identified:user_stub',
      'ready',
    ]);
    expect(await page.evaluate(() => (window as unknown as StubWindow).errors)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
