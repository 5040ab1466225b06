import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium } from './support/launch-chromium.js';
import { adminRequest, seedRequest } from './support/seed-request.js';
import { useE2e } from './support/use-e2e.js';
import { launcher, openPanel, panel, voteButton } from './support/widget-page.js';

const XSS_TITLE = '<img src=x onerror="window.pwned=true"> <b>bold?</b>';

interface HostileWindow {
  errors: string[];
  violations: string[];
  pwned: boolean;
  ready: boolean;
}

/** Console lines Chromium prints when a Content-Security-Policy blocks something. */
const watchCsp = (page: Page) => {
  const messages: string[] = [];
  page.on('console', (message) => /Content Security Policy|Refused to/i.test(message.text()) && messages.push(message.text()));
  return messages;
};

describe.skipIf(!hasChromium())('a hostile host page', () => {
  const e2e = useE2e();

  // With data-nonce the widget uses <style nonce>; without, a constructable stylesheet.
  for (const withNonce of [true, false]) {
    it(`keeps working under "* { all: unset }", a 62.5% root font and a strict CSP (${withNonce ? 'data-nonce' : 'no data-nonce'})`, async () => {
      const { app, host } = e2e;
      const title = `${XSS_TITLE} ${withNonce}`;
      const seeded = await seedRequest(app, title, { body: 'Body with <script>window.pwned=true</script> in it.' });
      const nonce = randomBytes(16).toString('base64');
      const csp = `default-src 'none'; script-src ${app.url} 'nonce-${nonce}'; connect-src ${app.url}; style-src 'nonce-${nonce}'`;
      const page = await e2e.newPage();
      const cspMessages = watchCsp(page);
      await page.goto(
        host.page(`/hostile-${withNonce}`, 'hostile', {
          API: app.url,
          PROJECT_ID: app.project.id,
          NONCE: nonce,
          STYLE_NONCE_ATTRIBUTE: withNonce ? `data-nonce="${nonce}"` : '',
        }, { 'content-security-policy': csp }),
      );
      await page.waitForFunction(() => (window as unknown as HostileWindow).ready);

      // Normal size despite the root font and the page's button rules.
      const box = await launcher(page).boundingBox();
      expect(box).toMatchObject({ width: 52, height: 52 });
      await openPanel(page);
      const metrics = await panel(page).evaluate((element) => {
        const heading = element.querySelector('h2')!;
        const item = element.querySelector('.title')!;
        return {
          width: element.getBoundingClientRect().width,
          heading: getComputedStyle(heading).fontSize,
          item: getComputedStyle(item).fontSize,
          letterSpacing: getComputedStyle(item).letterSpacing,
          transform: getComputedStyle(item).textTransform,
          background: getComputedStyle(element).backgroundColor,
        };
      });
      expect(metrics).toEqual({ width: 360, heading: '16px', item: '14px', letterSpacing: 'normal', transform: 'none', background: 'rgb(255, 255, 255)' });

      // The hostile title is text: shown verbatim, no element made from it, nothing run.
      await panel(page).getByText(title, { exact: true }).waitFor();
      expect(await panel(page).getByText(title, { exact: true }).evaluate((element) => element.className)).toBe('title');
      expect(await panel(page).locator('img, b, script').count()).toBe(0);

      // A vote works under the CSP.
      await voteButton(page, title).click();
      await expect.poll(() => voteButton(page, title).getAttribute('aria-pressed')).toBe('true');
      await expect.poll(async () => (await adminRequest(app, seeded.id)).request.votes).toBe(2);

      const report = await page.evaluate(() => {
        const w = window as unknown as HostileWindow;
        return { errors: w.errors, violations: w.violations, pwned: w.pwned, globals: Object.keys(window).filter((key) => /reqio/i.test(key)) };
      });
      expect(report).toEqual({ errors: [], violations: [], pwned: false, globals: ['Reqio'] });
      expect(cspMessages).toEqual([]);
    });
  }

  it('renders user content as text on a page without any CSP, and nothing reaches window.onerror', async () => {
    const { app, host } = e2e;
    await seedRequest(app, XSS_TITLE, { body: '<img src=x onerror="window.pwned=true">' });
    const page = await e2e.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as HostileWindow;
      w.errors = [];
      w.pwned = false;
      window.onerror = (message) => void w.errors.push(String(message));
      window.addEventListener('unhandledrejection', (event) => w.errors.push(`unhandled: ${String(event.reason)}`));
      // A listener that throws must not escape into the page either.
      (window as unknown as { Reqio: unknown }).Reqio = { q: [['on', ['ready', () => { throw new Error('listener bug'); }]]] };
    });
    await page.goto(host.page('/plain-xss', 'server-rendered', { API: app.url, PROJECT_ID: app.project.id, TOKEN: '' }));
    await openPanel(page);
    await panel(page).getByText(XSS_TITLE, { exact: true }).first().waitFor();
    await page.waitForTimeout(300);
    expect(await panel(page).locator('img, b').count()).toBe(0);
    expect(await page.evaluate(() => ({ pwned: (window as unknown as HostileWindow).pwned, errors: (window as unknown as HostileWindow).errors }))).toEqual({
      pwned: false,
      errors: [],
    });
  });
});
