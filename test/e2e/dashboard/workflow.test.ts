import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboardApp } from '../../server/dashboard/dashboard-browser.js';
import { parseCsv } from '../../helpers/parse-csv.js';
import { identifyAs, type WidgetClient } from '../../helpers/widget-client.js';
import { hasChromium, launchChromium, type Chromium } from '../support/launch-chromium.js';
import { ensureDashboardBuild } from './support/ensure-dashboard-build.js';
import { signInContext } from './support/sign-in-context.js';

type App = Awaited<ReturnType<typeof startDashboardApp>>;

// The team's side of the workflow in Chromium: a backlog of 60 that pages, searches and
// filters, statuses changed in place, the CSV export, replies and internal notes, edits,
// a merge through the picker, and deletions behind a styled confirmation (a native dialog
// fails the test).
describe.skipIf(!hasChromium())('the feedback workflow in the dashboard', () => {
  let app: App;
  let chromium: Chromium;
  let page: Page;
  let customer: WidgetClient;
  const nativeDialogs: string[] = [];
  const ids: string[] = [];

  beforeAll(async () => {
    ensureDashboardBuild();
    app = await startDashboardApp();
    customer = await identifyAs(app, { sub: 'customer', email: 'customer@example.com', traits: { amount: 9900 } });
    for (let i = 1; i <= 60; i += 1) {
      const title = i === 42 ? 'Export invoices to accounting' : `Backlog item ${String(i).padStart(2, '0')}`;
      ids.push((await customer.json('POST', '/requests', { title })).body.request.id);
    }
    chromium = await launchChromium();
    const context = await chromium.newContext({ viewport: { width: 1280, height: 900 } });
    await signInContext(app, context);
    page = await context.newPage();
    page.on('dialog', (dialog) => {
      nativeDialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
  });
  afterAll(async () => {
    expect(nativeDialogs).toEqual([]);
    await chromium?.close();
    await app?.close();
  });

  const rows = () => page.locator('[data-testid=backlog] tbody tr');
  const titles = () => page.locator('[data-testid=backlog] .request-title').allTextContents();

  it('pages through the backlog, searches it and filters it by status', async () => {
    await page.goto(`${app.url}/dashboard/projects/${app.project.id}`);
    await page.getByRole('tab', { name: 'Newest' }).click();
    await page.getByTestId('page-range').waitFor();
    expect(await page.getByTestId('page-range').textContent()).toBe('1–50');
    await page.getByTestId('next-page').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=page-range]')?.textContent === '51–60');
    expect((await titles()).at(-1)).toBe('Backlog item 01');
    expect(await page.getByTestId('next-page').isDisabled()).toBe(true);

    await page.getByTestId('backlog-search').fill('accounting invoice');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=backlog] tbody tr').length === 1);
    expect(await titles()).toEqual(['Export invoices to accounting']);
    await page.getByTestId('backlog-search').fill('');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=backlog] tbody tr').length === 50);

    // Statuses change in place, and the filter finds them.
    await rows().filter({ hasText: 'Backlog item 60' }).getByTestId('status').selectOption('planned');
    await rows().filter({ hasText: 'Backlog item 59' }).getByTestId('status').selectOption('done');
    const stored = async (id: string) => ((await (await app.admin(`/requests/${id}`)).json()) as { request: { status: string } }).request.status;
    await expect.poll(() => stored(ids[59]!)).toBe('planned');
    await expect.poll(() => stored(ids[58]!)).toBe('done');
    await page.getByTestId('status-filter').selectOption('planned');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=backlog] tbody tr').length === 1);
    expect(await titles()).toEqual(['Backlog item 60']);
    await page.getByTestId('backlog-search').fill('nothing matches this');
    await page.getByRole('heading', { name: 'No request matches' }).waitFor();
    await page.getByTestId('backlog-search').fill('');
    await page.getByTestId('status-filter').selectOption('');
  });

  it('exports what it shows as CSV', async () => {
    await page.getByTestId('status-filter').selectOption('done');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=backlog] tbody tr').length === 1);
    const href = await page.getByTestId('export-csv').getAttribute('href');
    expect(href).toContain('status=done');
    const response = await page.request.get(`${app.url}${href}`);
    expect(response.status()).toBe(200);
    expect(parseCsv(await response.text()).map((row) => [row.title, row.status])).toEqual([['Backlog item 59', 'done']]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toBe('requests.csv');
    await page.getByTestId('status-filter').selectOption('');
  });

  it('replies as the team, adds an internal note the widget never shows, and deletes a comment after a styled confirmation', async () => {
    const id = ids[41]!;
    await customer.json('POST', `/requests/${id}/comments`, { body: 'We file 300 invoices a month.' });
    await page.goto(`${app.url}/dashboard/projects/${app.project.id}/backlog/${id}`);
    await page.locator('[data-comment-id]').first().waitFor();
    await page.getByTestId('reply-body').fill('Xero first, then QuickBooks.');
    await page.getByRole('button', { name: 'Post reply' }).click();
    await page.locator('.comment.team').waitFor();
    await page.getByTestId('internal').check();
    await page.getByTestId('reply-body').fill('Ask finance which tool they use.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.comment.internal').waitFor();
    expect(await page.locator('.comment.team .badge').textContent()).toBe('Team reply');
    expect(await page.locator('.comment.internal .badge').textContent()).toBe('Internal note');

    const widget = (await customer.json('GET', `/requests/${id}`)).body as { comments: { body: string; author: { team: boolean } }[] };
    expect(widget.comments.map((comment) => [comment.body, comment.author.team])).toEqual([
      ['We file 300 invoices a month.', false],
      ['Xero first, then QuickBooks.', true],
    ]);

    await page.locator('.comment').first().getByRole('button', { name: /^Delete the comment/ }).click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading').textContent()).toBe('Delete this comment?');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.locator('.comment').count()).toBe(3);
    await page.locator('.comment').first().getByRole('button', { name: /^Delete the comment/ }).click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Delete comment' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.comment').length === 2);
    expect(((await customer.json('GET', `/requests/${id}`)).body as { comments: unknown[] }).comments).toHaveLength(1);
  });

  it('edits a request’s title and description', async () => {
    const id = ids[41]!;
    await page.getByTestId('edit').click();
    const form = page.getByTestId('edit-request');
    await form.getByLabel('Title').fill('Export invoices to Xero and QuickBooks');
    await form.getByLabel('Description').fill('Monthly, as CSV or through their APIs.');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=request-title]')?.textContent === 'Export invoices to Xero and QuickBooks');
    expect(await page.locator('.request-body').textContent()).toBe('Monthly, as CSV or through their APIs.');
    await form.waitFor({ state: 'hidden' });
    await page.getByTestId('edit').click();
    await form.getByLabel('Title').fill('ab');
    await form.getByLabel('Title').evaluate((input: HTMLInputElement) => input.removeAttribute('minlength'));
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('alert').waitFor();
    expect(await form.getByRole('alert').textContent()).toContain('title');
    await form.getByRole('button', { name: 'Cancel' }).click();
  });

  it('merges a duplicate through the picker, and deletes a request behind the confirmation', async () => {
    const duplicate = (await customer.json('POST', '/requests', { title: 'Invoice export to accounting tools' })).body.request.id as string;
    await page.goto(`${app.url}/dashboard/projects/${app.project.id}/backlog/${duplicate}`);
    await page.getByTestId('merge').click();
    const dialog = page.getByTestId('merge-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('merge-search').fill('xero quickbooks');
    const target = dialog.locator(`[data-merge-target="${ids[41]}"]`);
    await target.waitFor();
    await target.click();
    await dialog.getByTestId('confirm-merge').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=request-title]')?.textContent === 'Export invoices to Xero and QuickBooks');
    expect(page.url()).toContain(`/backlog/${ids[41]}`);
    const merged = ((await (await app.admin(`/requests/${duplicate}`)).json()) as { request: { status: string; mergedInto: string } }).request;
    expect(merged).toEqual(expect.objectContaining({ status: 'merged', mergedInto: ids[41] }));

    await page.getByTestId('delete').click();
    const confirm = page.getByTestId('confirm-dialog');
    await confirm.getByRole('button', { name: 'Delete request' }).click();
    await page.locator('[data-testid=backlog]').waitFor();
    expect((await app.admin(`/requests/${ids[41]}`)).status).toBe(404);
    expect((await app.admin(`/requests/${duplicate}`)).status).toBe(404);
  });

  it('shows the email settings with the SMTP notice, and turns emails off', async () => {
    await page.goto(`${app.url}/dashboard/projects/${app.project.id}/settings`);
    await page.getByTestId('smtp-missing').waitFor();
    expect(await page.getByTestId('send-test-email').isDisabled()).toBe(true);
    expect(await page.getByTestId('email-enabled').isChecked()).toBe(true);
    await page.getByTestId('email-enabled').uncheck();
    await page.getByText('No more emails to voters and commenters.').waitFor();
    expect(await (await app.admin('/notifications')).json()).toEqual({ notifications: { emailEnabled: false, smtpConfigured: false } });
  });
});
