import type { Locator, Page } from 'playwright-core';

// Playwright's CSS and role selectors pierce open shadow roots, so these reach inside
// <reqio-widget> the way a person's eyes would.

/** The launcher button. */
export const launcher = (page: Page): Locator => page.locator('reqio-widget .launcher');

/** The open panel. */
export const panel = (page: Page): Locator => page.getByRole('dialog', { name: 'Feedback' });

/** The vote toggle of the request titled `title`. */
export const voteButton = (page: Page, title: string): Locator =>
  panel(page).locator('li.item').filter({ has: page.locator('.title', { hasText: title }) }).locator('button.vote');

/** Opens the panel with the launcher and waits for the list to finish loading. */
export async function openPanel(page: Page): Promise<void> {
  await launcher(page).click();
  await waitForList(page);
}

/** Waits until the list is no longer busy. */
export async function waitForList(page: Page): Promise<void> {
  await panel(page).locator('[role=tabpanel][aria-busy=false]').waitFor();
}

/** Waits until `fn` returns true in the page. */
export async function waitInPage(page: Page, fn: string): Promise<void> {
  await page.waitForFunction(fn, undefined, { timeout: 15_000 });
}

/** The detail view of the request titled `title`. */
export const detail = (page: Page, title: string): Locator => panel(page).getByRole('region', { name: title });

/** Opens the detail of the request titled `title` from the list in view. */
export async function openDetail(page: Page, title: string): Promise<Locator> {
  await panel(page).locator('li.item').getByRole('button', { name: title, exact: true }).first().click();
  const view = detail(page, title);
  // Its comments have loaded.
  await view.and(page.locator('[aria-busy=false]')).waitFor();
  return view;
}
