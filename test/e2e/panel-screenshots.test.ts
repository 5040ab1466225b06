import { describe, expect, it } from 'vitest';
import { hasChromium } from './support/launch-chromium.js';
import { screenshotPath } from './support/screenshot-path.js';
import { seedRequest, setStatus, teamReply } from './support/seed-request.js';
import { useE2e } from './support/use-e2e.js';
import { detail, launcher, openDetail, openPanel, panel, voteButton, waitForList } from './support/widget-page.js';


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

describe.skipIf(!hasChromium())('the feedback workflow views, on a phone and a desktop', () => {
  const e2e = useE2e();

  it('are captured at 390 and 1280 px wide, without sideways scrolling', async () => {
    const { app, host } = e2e;
    const seeded: Record<string, string> = {};
    const rows = [
      ['Dark mode for the reports page', 'in_progress', 'The reports are hard to read at night.'],
      ['Export the backlog to CSV', 'planned', 'So we can share it with finance every month.'],
      ['Slack notifications when a request ships', 'done', ''],
      ['Single sign-on with Okta', 'planned', 'Our security team requires SSO for every tool we buy.'],
      ['Audit log of admin actions', 'open', 'Who changed what, and when.'],
      ['Export reports as PDF', 'open', ''],
    ] as const;
    for (const [title, status, body] of rows) {
      const request = await seedRequest(app, title, body ? { body } : {});
      seeded[title] = request.id;
      if (status !== 'open') await setStatus(app, request.id, status);
    }
    const token = (width: number) => app.mint({ sub: `user_views_${width}`, email: 'ada@acme.test', name: 'Ada Lovelace', traits: { plan: 'pro', amount: 4900 } });
    // Ada (one per width: looking at updates marks them seen) follows two requests through
    // the public API; the team answers one and starts on the other.
    const base = `${app.url}/v1/projects/${app.project.id}`;
    const send = async (method: string, path: string, session: string, body?: unknown) => {
      const response = await fetch(base + path, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${session}` }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`);
    };
    for (const width of [390, 1280]) {
      const identified = await fetch(`${base}/identify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: await token(width) }) });
      const { session } = (await identified.json()) as { session: string };
      await send('PUT', `/requests/${seeded['Export the backlog to CSV']}/vote`, session);
      await send('PUT', `/requests/${seeded['Single sign-on with Okta']}/vote`, session);
      await send('POST', `/requests/${seeded['Export the backlog to CSV']}/comments`, session, { body: 'Finance would love a monthly export.' });
    }
    await teamReply(app, seeded['Export the backlog to CSV']!, 'Planned for January: CSV first, then scheduled exports.');
    await setStatus(app, seeded['Single sign-on with Okta']!, 'in_progress');

    for (const width of [390, 1280]) {
      const page = await e2e.newPage({ viewport: { width, height: width === 390 ? 780 : 800 }, deviceScaleFactor: 1, reducedMotion: 'reduce', colorScheme: 'light' });
      await page.goto(host.page(`/views-${width}`, 'server-rendered', { API: app.url, PROJECT_ID: app.project.id, TOKEN: await token(width) }));
      await expect.poll(() => launcher(page).getAttribute('aria-label'), { timeout: 15_000 }).toBe('Feedback, 2 new updates');
      const shoot = async (name: string) => {
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
        const box = await panel(page).boundingBox();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(width);
        // All five tabs (and the Updates count) fit in the row: none hides behind a scroll.
        expect(await panel(page).locator('[role=tablist]').evaluate((row) => row.scrollWidth - row.clientWidth)).toBe(0);
        if (width === 390) await page.screenshot({ path: screenshotPath(`widget-${name}-390`), animations: 'disabled' });
        else await panel(page).screenshot({ path: screenshotPath(`widget-${name}-1280`), animations: 'disabled' });
      };
      // The launcher with its badge, which reaches a little outside the button.
      if (width === 1280) await page.screenshot({ path: screenshotPath('widget-launcher-badge'), clip: { x: 1280 - 20 - 52 - 12, y: 800 - 20 - 52 - 12, width: 76, height: 76 }, animations: 'disabled' });
      await openPanel(page);
      await panel(page).getByRole('searchbox', { name: 'Search requests' }).fill('export');
      await expect.poll(() => panel(page).locator('#reqio-top li.item').count()).toBe(2);
      await shoot('search');
      await panel(page).getByRole('searchbox', { name: 'Search requests' }).fill('');
      await waitForList(page);
      await openDetail(page, 'Export the backlog to CSV');
      await detail(page, 'Export the backlog to CSV').locator('li.comment.team').waitFor();
      await shoot('detail');
      await detail(page, 'Export the backlog to CSV').getByRole('button', { name: '← All requests' }).click();
      await panel(page).getByRole('tab', { name: 'Roadmap' }).click();
      await waitForList(page);
      await shoot('roadmap');
      await panel(page).getByRole('tab', { name: /^Updates/ }).click();
      await waitForList(page);
      await panel(page).locator('#reqio-updates li').nth(1).waitFor();
      await shoot('updates');
      await panel(page).getByRole('button', { name: 'Suggest a feature' }).click();
      await panel(page).getByLabel('Title').fill('Export reports to PDF');
      await panel(page).locator('.similar li').first().waitFor();
      await shoot('similar');
    }
  });
});
