import type { Page } from 'playwright-core';
import { OWNER } from '../../../server/dashboard/dashboard-browser.js';

/** Answers the dashboard's step-up dialog ("Confirm it is you") with the password, and the code when given. */
export async function confirmWithPassword(page: Page, password = OWNER.password, code?: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Confirm it is you' });
  await dialog.getByLabel('Your password').fill(password);
  if (code !== undefined) await dialog.getByLabel('Two-factor code').fill(code);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
}
