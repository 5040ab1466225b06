import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, type Chromium } from '../support/launch-chromium.js';
import { startDashboardApp } from '../../server/dashboard/dashboard-browser.js';
import { nowSeconds, signRaw } from '../../helpers/tokens.js';
import { ensureDashboardBuild } from './support/ensure-dashboard-build.js';
import { signInContext } from './support/sign-in-context.js';

type App = Awaited<ReturnType<typeof startDashboardApp>>;

describe.skipIf(!hasChromium())('the token debugger in the browser', () => {
  let app: App;
  let chromium: Chromium;
  let page: Page;

  beforeAll(async () => {
    ensureDashboardBuild();
    app = await startDashboardApp();
    chromium = await launchChromium();
    const context = await chromium.newContext({ viewport: { width: 1280, height: 900 } });
    await signInContext(app, context);
    page = await context.newPage();
    await page.goto(`${app.url}/dashboard/projects/${app.project.id}/debugger`);
  });
  afterAll(async () => {
    await chromium?.close();
    await app?.close();
  });

  const diagnose = async (token: string) => {
    await page.getByTestId('token-input').fill(token);
    await page.getByRole('button', { name: 'Check token' }).click();
    await expect.poll(() => page.getByTestId('verdict').textContent()).toMatch(/^(Valid|Refused)/);
  };
  const failing = (check: string) => page.locator(`[data-check=${check}][data-status=fail]`);

  it('names token_expired, with the fix', async () => {
    const now = nowSeconds();
    await diagnose(signRaw({ alg: 'HS256' }, { sub: '42', aud: app.project.audience, iat: now - 900, exp: now - 600 }, app.project.secret));
    await expect.poll(() => page.getByTestId('verdict').textContent()).toBe('Refused: identify would answer 401 token_expired.');
    expect(await failing('expiry').locator('.code-badge').textContent()).toBe('token_expired');
    expect(await failing('expiry').textContent()).toContain('Fix: Mint a fresh token');
    expect(await page.locator('[data-check=signature]').getAttribute('data-status')).toBe('pass');
  });

  it('names audience_mismatch, with the audience to send', async () => {
    const now = nowSeconds();
    await diagnose(signRaw({ alg: 'HS256' }, { sub: '42', aud: 'https://reqio.app/p/elsewhere', iat: now, exp: now + 300 }, app.project.secret));
    await expect.poll(() => page.getByTestId('verdict').textContent()).toBe('Refused: identify would answer 401 audience_mismatch.');
    expect(await failing('audience').locator('.code-badge').textContent()).toBe('audience_mismatch');
    expect(await failing('audience').textContent()).toContain(`Set "aud" to the one string "${app.project.audience}"`);
  });

  it('accepts a good token and says whom it identifies', async () => {
    const token = await app.mint({ sub: '42', email: 'ada@example.com', traits: { plan: 'pro', amount: 4900 } });
    await diagnose(token);
    await expect.poll(() => page.getByTestId('verdict').textContent()).toBe('Valid: identify would accept this token.');
    expect(await page.getByTestId('diagnosis').textContent()).toContain('Identifies ada@example.com');
    expect(await page.locator('[data-status=fail]').count()).toBe(0);
  });

  it('shows refused identifies live, with counts per code and never the token', async () => {
    const now = nowSeconds();
    const expired = signRaw({ alg: 'HS256' }, { sub: '1', aud: app.project.audience, iat: now - 900, exp: now - 600 }, app.project.secret);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await fetch(`${app.url}/v1/projects/${app.project.id}/identify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: app.url },
        body: JSON.stringify({ token: expired }),
      });
    }
    const log = page.getByTestId('failure-log');
    await expect.poll(() => log.locator('[data-code=token_expired]').textContent(), { timeout: 15_000 }).toBe('token_expired × 2');
    expect(await log.locator('tbody tr').count()).toBe(2);
    expect(await log.textContent()).toContain(app.url);
    expect(await log.textContent()).not.toContain(expired.split('.')[2]!);
  });
});
