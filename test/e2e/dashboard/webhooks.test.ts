import { confirmWithPassword } from './support/confirm-password.js';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookWorker } from '../../../server/src/webhooks/create-webhook-worker.js';
import { ALLOW_PRIVATE_WEBHOOKS, startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver.js';
import { startWorker } from '../../helpers/webhook-worker.js';
import { identifyAs, type WidgetClient } from '../../helpers/widget-client.js';
import { hasChromium, launchChromium, type Chromium } from '../support/launch-chromium.js';
import { startDashboardApp } from '../../server/dashboard/dashboard-browser.js';
import { ensureDashboardBuild } from './support/ensure-dashboard-build.js';
import { screenshotPath } from './support/screenshot-path.js';
import { signInContext } from './support/sign-in-context.js';

type App = Awaited<ReturnType<typeof startDashboardApp>>;

/** A description that would run script if the dashboard rendered it as HTML. */
const HOSTILE_DESCRIPTION = '<img src=x onerror="window.__xss=1">Ops relay';

describe.skipIf(!hasChromium())('webhooks in the browser', () => {
  let app: App;
  let worker: WebhookWorker;
  let receiver: WebhookReceiver;
  let chromium: Chromium;
  let page: Page;
  let ada: WidgetClient;
  let firstSecret = '';
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensureDashboardBuild();
    app = await startDashboardApp({ env: ALLOW_PRIVATE_WEBHOOKS });
    // In-process worker with the test timings (20 ms polls, 50 ms between attempts) and
    // two attempts in all, so a failing receiver gives up within a second.
    worker = startWorker(app, { retry: { maxAttempts: 2 } });
    receiver = await startWebhookReceiver();
    ada = await identifyAs(app, { sub: 'ada', email: 'ada@example.com' });
    chromium = await launchChromium();
    const context = await chromium.newContext({ viewport: { width: 1280, height: 900 } });
    await signInContext(app, context);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void (dialog.type() === 'confirm' ? dialog.accept() : dialog.dismiss());
    });
  });
  afterAll(async () => {
    await chromium?.close();
    await worker?.stop();
    await receiver?.close();
    await app?.close();
  });

  const card = (): Locator => page.locator('article.webhook');
  const rows = (state?: string): Locator => page.locator(`[data-testid=deliveries] tr${state ? `[data-state=${state}]` : '[data-delivery-id]'}`);
  const postRequest = async (title: string) => expect((await ada.json('POST', '/requests', { title })).status).toBe(201);
  const listWebhooks = async () => ((await (await app.admin('/webhooks')).json()) as { webhooks: Array<Record<string, unknown>> }).webhooks;

  it('shows the API’s message for a bad URL, then adds an endpoint and shows its secret once', async () => {
    await page.goto(`${app.url}/dashboard/projects/${app.project.id}/webhooks`);
    await page.getByText('No endpoints yet.').waitFor();
    expect(await page.getByRole('link', { name: 'Webhooks' }).getAttribute('aria-current')).toBe('page');

    const url = page.getByLabel('Endpoint URL');
    await url.fill('ftp://files.example.com/hook');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByText('The URL must be an http(s) URL such as https://example.com/webhooks/reqio.').waitFor();
    expect(await url.getAttribute('aria-invalid')).toBe('true');
    expect(await listWebhooks()).toEqual([]);

    await url.fill(receiver.url);
    await page.getByLabel('Description (optional)').fill(HOSTILE_DESCRIPTION);
    await page.getByLabel('All events').uncheck();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByText('Choose at least one event, or all events.').waitFor();
    await page.getByLabel('request.created').check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();

    firstSecret = (await page.getByTestId('created-webhook-secret').textContent())!;
    expect(firstSecret).toMatch(/^whsec_[A-Za-z0-9+/=]{20,}$/);
    receiver.secret = firstSecret;
    expect(await listWebhooks()).toMatchObject([{ url: receiver.url, events: ['request.created'], description: HOSTILE_DESCRIPTION, enabled: true }]);

    // Rendered as text: the markup is visible, nothing ran, no element was made.
    expect(await card().locator('.webhook-description').textContent()).toBe(HOSTILE_DESCRIPTION);
    expect(await card().locator('img').count()).toBe(0);
    expect(await card().textContent()).toContain('request.created');

    // Shown once: a reload does not show it again.
    await page.reload();
    await card().waitFor();
    expect(await page.locator('body').textContent()).not.toContain(firstSecret);
  });

  it('shows a real event delivered, verified by the receiver, in the delivery log', async () => {
    await postRequest('Dark mode');
    await receiver.waitFor((deliveries) => deliveries.length === 1);
    expect(receiver.deliveries[0]!.refused).toBeUndefined();
    expect(receiver.deliveries[0]!.event?.type).toBe('request.created');

    // Keyboard: the panel opens from the keyboard like any button.
    await card().getByRole('button', { name: 'Delivery log' }).focus();
    await page.keyboard.press('Enter');
    expect(await card().getByRole('button', { name: 'Delivery log' }).getAttribute('aria-expanded')).toBe('true');
    await rows('succeeded').waitFor();
    expect(await rows().count()).toBe(1);
    const row = rows('succeeded');
    expect(await row.locator('code').first().textContent()).toBe('request.created');
    expect(await row.locator('.badge').textContent()).toBe('Succeeded');
    expect(await row.locator('li.attempt .attempt-status').allTextContents()).toEqual(['204']);
    expect(await row.textContent()).toContain(`webhook-id ${receiver.deliveries[0]!.event!.id}`);
  });

  it('shows failed attempts with their status code, and redelivers once the receiver recovers', async () => {
    receiver.respond = () => ({ status: 503, body: '<b>down</b> for maintenance' });
    await postRequest('Slack integration');
    await receiver.waitFor((deliveries) => deliveries.length === 3);
    await page.getByRole('button', { name: 'Refresh' }).click();
    const failed = rows('failed');
    await failed.waitFor();
    expect(await failed.locator('.badge').textContent()).toBe('Failed');
    expect(await failed.locator('li.attempt .attempt-status').allTextContents()).toEqual(['503', '503']);
    expect(await failed.locator('li.attempt .excerpt').first().textContent()).toBe('<b>down</b> for maintenance');
    expect(await failed.locator('li.attempt .excerpt b').count()).toBe(0);

    await page.getByLabel('State').selectOption('failed');
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows('failed').count()).toBe(1);

    receiver.respond = () => ({ status: 200, body: 'ok' });
    await rows('failed').getByRole('button', { name: 'Redeliver' }).click();
    await page.getByText('request.created is being sent again.').waitFor();
    await receiver.waitFor((deliveries) => deliveries.length === 4);
    // Same event, so the same webhook-id as the failed attempts: receivers can de-duplicate.
    expect(receiver.deliveries[3]!.refused).toBeUndefined();
    expect(receiver.deliveries[3]!.headers['webhook-id']).toBe(receiver.deliveries[1]!.headers['webhook-id']);

    await page.getByLabel('State').selectOption('succeeded');
    const redelivery = rows('succeeded').filter({ hasText: 'redelivery' });
    await redelivery.waitFor();
    expect(await rows('succeeded').count()).toBe(2);
    expect(await redelivery.locator('li.attempt .attempt-status').allTextContents()).toEqual(['200']);
    expect(await redelivery.locator('li.attempt .excerpt').textContent()).toBe('ok');

    await page.getByLabel('State').selectOption('');
    await expect.poll(() => rows().count()).toBe(3);
    await page.screenshot({ path: screenshotPath('webhooks'), fullPage: true });
  });

  it('disables and enables, edits the events, reveals and rotates the secret, and deletes', async () => {
    await card().getByRole('button', { name: 'Disable' }).click();
    await card().getByRole('button', { name: 'Enable' }).waitFor();
    expect(await card().locator('.badge').first().textContent()).toBe('Disabled');
    expect((await listWebhooks())[0]).toMatchObject({ enabled: false });
    await card().getByRole('button', { name: 'Enable' }).click();
    await card().getByRole('button', { name: 'Disable' }).waitFor();
    expect((await listWebhooks())[0]).toMatchObject({ enabled: true });

    await card().getByRole('button', { name: 'Edit' }).click();
    await card().getByLabel('All events').check();
    await card().getByRole('button', { name: 'Save endpoint' }).click();
    await card().getByText('All events ·').waitFor();
    expect((await listWebhooks())[0]).toMatchObject({ events: [], description: HOSTILE_DESCRIPTION });

    await card().getByRole('button', { name: 'Secret', exact: true }).click();
    await card().getByRole('button', { name: 'Reveal secret' }).click();
    await confirmWithPassword(page);
    expect(await card().getByTestId('revealed-secret').textContent()).toBe(firstSecret);

    await card().getByLabel('Keep the old secret signing for').selectOption({ label: '1 hour' });
    await card().getByRole('button', { name: 'Rotate secret' }).click();
    await confirmWithPassword(page);
    const rotated = (await card().getByTestId('rotated-secret').textContent())!;
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(firstSecret);
    expect(await card().getByTestId('previous-validity').textContent()).toMatch(/keeps signing too until .* \(in (59|60) min\)/);
    expect(dialogs.at(-1)).toMatch(/^confirm: Rotate the secret\?/);
    const until = Date.parse(String((await listWebhooks())[0]!.previousSecretValidUntil));
    expect(until - Date.now()).toBeGreaterThan(3500_000);
    expect(until - Date.now()).toBeLessThanOrEqual(3600_000);

    // Both secrets sign while the old one is in its grace period.
    receiver.secret = rotated;
    await postRequest('Audit log export');
    await receiver.waitFor((deliveries) => deliveries.length === 5);
    expect(receiver.deliveries[4]!.refused).toBeUndefined();
    expect(String(receiver.deliveries[4]!.headers['webhook-signature']).split(' ')).toHaveLength(2);

    await card().getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No endpoints yet.').waitFor();
    expect(dialogs.at(-1)).toMatch(/^confirm: Delete the endpoint /);
    expect(await listWebhooks()).toEqual([]);

    expect(dialogs.filter((dialog) => !dialog.startsWith('confirm:'))).toEqual([]);
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(pageErrors).toEqual([]);
  });
});
