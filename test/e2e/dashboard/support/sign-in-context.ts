import type { BrowserContext } from 'playwright-core';
import { signedInOwner } from '../../../server/dashboard/dashboard-browser.js';
import type { startDashboardApp } from '../../../server/dashboard/dashboard-browser.js';

/** Signs the owner in through the API and hands the browser context the session cookie. */
export async function signInContext(app: Awaited<ReturnType<typeof startDashboardApp>>, context: BrowserContext): Promise<void> {
  const owner = await signedInOwner(app);
  await context.addCookies(
    [...owner.cookies].map(([name, value]) => ({ name, value, url: app.url, httpOnly: true, sameSite: 'Lax' as const })),
  );
}
