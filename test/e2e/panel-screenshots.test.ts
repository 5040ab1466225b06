import { describe, expect, it } from 'vitest';
import { hasChromium } from './support/launch-chromium.js';
import { screenshotPath } from './support/screenshot-path.js';
import { seedRequest, setStatus } from './support/seed-request.js';
import { useE2e } from './support/use-e2e.js';
import { openPanel, panel, voteButton } from './support/widget-page.js';


describe.skipIf(!hasChromium())('the open panel, light and dark', () => {
  const e2e = useE2e();

  it('is captured in both colour schemes, and follows prefers-color-scheme', async () => {
    const { app, host } = e2e;
    const statuses = [
      ['Dark mode for the reports page', 'in_progress', 'The reports are hard to read at night.'],
      ['Export requests to CSV', 'planned', 'So we can share the backlog with finance every month.'],
      ['Slack notifications when a request ships', 'done', ''],
      ['Single sign-on with Okta', 'open', 'Our security team requires SSO for every tool we buy.'],
    ] as const;
    for (const [title, status, body] of statuses) {
      const request = await seedRequest(app, title, body ? { body } : {});
      if (status !== 'open') await setStatus(app, request.id, status);
    }
    const token = await app.mint({ sub: 'user_shots', email: 'ada@acme.test', traits: { plan: 'pro', amount: 4900 } });

    const backgrounds: Record<string, string> = {};
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await e2e.newPage({ viewport: { width: 480, height: 720 }, deviceScaleFactor: 1, reducedMotion: 'reduce', colorScheme });
      await page.goto(host.page(`/shots-${colorScheme}`, 'server-rendered', { API: app.url, PROJECT_ID: app.project.id, TOKEN: token }));
      await page.emulateMedia({ colorScheme });
      await openPanel(page);
      await expect.poll(() => panel(page).locator('.who').count()).toBe(1);
      if (colorScheme === 'light') await voteButton(page, 'Export requests to CSV').click();
      await expect.poll(() => voteButton(page, 'Export requests to CSV').getAttribute('aria-pressed')).toBe('true');
      backgrounds[colorScheme] = await panel(page).evaluate((element) => getComputedStyle(element).backgroundColor);
      await panel(page).screenshot({ path: screenshotPath(`panel-${colorScheme}`), animations: 'disabled' });
    }
    expect(backgrounds).toEqual({ light: 'rgb(255, 255, 255)', dark: 'rgb(27, 29, 35)' });
  });
});
