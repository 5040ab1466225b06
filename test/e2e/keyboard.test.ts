import { describe, expect, it } from 'vitest';
import { hasChromium } from './support/launch-chromium.js';
import { seedRequest } from './support/seed-request.js';
import { useE2e } from './support/use-e2e.js';
import { launcher, panel, waitForList } from './support/widget-page.js';

/** The focused element inside the widget, described by role and name. */
const focused = (page: import('playwright-core').Page) =>
  page.evaluate(() => {
    const active = document.querySelector('reqio-widget')?.shadowRoot?.activeElement as HTMLElement | null | undefined;
    return active ? `${active.getAttribute('role') ?? active.tagName.toLowerCase()}:${active.getAttribute('aria-label') ?? active.textContent?.trim()}` : `page:${document.activeElement?.tagName}`;
  });

describe.skipIf(!hasChromium())('keyboard and ARIA', () => {
  const e2e = useE2e();

  it('opens from the keyboard, traps focus in the dialog, closes on Escape and returns focus to the launcher', async () => {
    const { app, host } = e2e;
    await seedRequest(app, 'Keyboard shortcuts');
    const page = await e2e.newPage();
    await page.goto(host.page('/keys', 'server-rendered', { API: app.url, PROJECT_ID: app.project.id, TOKEN: '' }));
    await launcher(page).waitFor();
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('false');

    await launcher(page).focus();
    await page.keyboard.press('Enter');
    await waitForList(page);
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('true');
    expect(await panel(page).getAttribute('aria-modal')).toBe('true');
    expect(await focused(page)).toBe('tab:Top');

    // Forward through every control and around: focus never leaves the dialog. The tabs are
    // one stop (the ARIA tabs pattern: arrow keys move between them).
    const seen: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      await page.keyboard.press('Tab');
      seen.push(await focused(page));
    }
    expect(seen).toEqual([
      'input:Search requests',
      'select:Filter by status',
      'button:Vote for Keyboard shortcuts, 1 vote',
      'button:Keyboard shortcuts',
      'button:Suggest a feature',
      'button:Close feedback',
      'tab:Top',
    ]);
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('button:Close feedback');

    // The tabs are tabs; the vote is a toggle button.
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toBe('tab:New');
    await waitForList(page);
    expect(await panel(page).getByRole('tab', { name: 'New' }).getAttribute('aria-selected')).toBe('true');
    expect(await panel(page).getByRole('tabpanel').getAttribute('aria-labelledby')).toBe('reqio-tab-new');
    expect(await panel(page).getByRole('button', { name: /^Vote for/ }).getAttribute('aria-pressed')).toBe('false');

    await page.keyboard.press('Escape');
    await expect.poll(() => panel(page).count()).toBe(0);
    expect(await focused(page)).toBe('button:Feedback');
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('false');
  });

  it('validates the form with messages tied to the fields, then posts', async () => {
    const { app, host } = e2e;
    const page = await e2e.newPage();
    await page.goto(host.page('/form', 'server-rendered', { API: app.url, PROJECT_ID: app.project.id, TOKEN: '' }));
    await launcher(page).click();
    await waitForList(page);
    await panel(page).getByRole('button', { name: 'Suggest a feature' }).click();
    const title = panel(page).getByLabel('Title');
    expect(await focused(page)).toBe('input:');
    await title.fill('ab');
    await page.keyboard.press('Enter');
    await expect.poll(() => title.getAttribute('aria-invalid')).toBe('true');
    const describedBy = await title.getAttribute('aria-describedby');
    expect(await panel(page).locator(`#${describedBy}`).textContent()).toBe('Title must be at least 3 characters.');
    await panel(page).getByLabel('Details (optional)').fill('x'.repeat(5001));
    await title.fill('A public roadmap page');
    await panel(page).getByRole('button', { name: 'Post' }).click();
    await expect.poll(() => panel(page).getByLabel('Details (optional)').getAttribute('aria-invalid')).toBe('true');
    expect(await focused(page)).toBe('textarea:');
    await panel(page).getByLabel('Details (optional)').fill('So customers see what is coming.');
    await panel(page).getByRole('button', { name: 'Post' }).click();
    await expect.poll(() => panel(page).getByRole('status').textContent()).toBe('Thanks! Your request is posted.');
    const item = panel(page).getByRole('button', { name: 'Vote for A public roadmap page, 1 vote' });
    expect(await item.getAttribute('aria-pressed')).toBe('true');
    expect(await focused(page)).toBe('button:Suggest a feature');
  });
});
