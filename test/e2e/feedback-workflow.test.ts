import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium } from './support/launch-chromium.js';
import { adminRequest, seedRequest, seedRequests, setStatus, teamReply } from './support/seed-request.js';
import { useE2e } from './support/use-e2e.js';
import { detail, launcher, openDetail, openPanel, panel, voteButton, waitForList } from './support/widget-page.js';

// CONTRACT §7 in the widget, against the real service: search, load more, similar titles,
// comments and team replies, the roadmap, the updates badge, the keyboard, a strict CSP.

describe.skipIf(!hasChromium())('the feedback workflow in the widget', () => {
  const e2e = useE2e();
  /** A page with the widget signed in as `sub` (or anonymous without). */
  const visit = async (path: string, sub?: string, viewport = { width: 1280, height: 800 }) => {
    const { app, host } = e2e;
    const token = sub ? await app.mint({ sub, email: `${sub}@acme.test`, name: sub }) : '';
    const page = await e2e.newPage({ viewport, reducedMotion: 'reduce' });
    await page.goto(host.page(path, 'server-rendered', { API: app.url, PROJECT_ID: app.project.id, TOKEN: token }));
    return page;
  };
  const items = (page: Page) => panel(page).locator('#reqio-new li.item .title');

  it('searches, and loads more pages until request 120 of 150', async () => {
    const { app } = e2e;
    // Created 150 first, so the newest-first list has "Bulk item 120" in 120th place.
    const titles = Array.from({ length: 150 }, (_, index) => `Bulk item ${150 - index}`);
    await seedRequests(app, titles);
    const page = await visit('/load-more');
    await openPanel(page);
    await panel(page).getByRole('tab', { name: 'New' }).click();
    await waitForList(page);
    expect(await items(page).count()).toBe(25);
    expect(await items(page).first().textContent()).toBe('Bulk item 1');
    while (!(await items(page).filter({ hasText: /^Bulk item 120$/ }).count())) {
      await panel(page).getByRole('button', { name: 'Load more' }).click();
      await expect.poll(() => panel(page).getByRole('button', { name: 'Loading…' }).count()).toBe(0);
    }
    expect(await items(page).count()).toBe(125);
    expect(await items(page).nth(119).textContent()).toBe('Bulk item 120');
    // Focus went to the first request of the page that was added.
    expect(await page.evaluate(() => document.querySelector('reqio-widget')?.shadowRoot?.activeElement?.textContent)).toBe('Bulk item 101');

    // The search box finds it without paging; the filter narrows by status.
    await panel(page).getByRole('searchbox', { name: 'Search requests' }).fill('item 120');
    await expect.poll(async () => (await items(page).allTextContents())[0]).toBe('Bulk item 120');
    const [target] = await Promise.all([
      page.waitForResponse((response) => response.url().includes('status=planned')),
      panel(page).getByRole('combobox', { name: 'Filter by status' }).selectOption('planned'),
    ]);
    expect(target.ok()).toBe(true);
    await waitForList(page);
    expect(await panel(page).locator('#reqio-new').textContent()).toContain('No requests match.');
  });

  it('shows a near-duplicate while the title is typed, and a vote on it counts', async () => {
    const { app } = e2e;
    const existing = await seedRequest(app, 'Export the backlog to CSV files', { body: 'For our finance team.' });
    const page = await visit('/similar', 'user_dup');
    await openPanel(page);
    await panel(page).getByRole('button', { name: 'Suggest a feature' }).click();
    const requests: string[] = [];
    page.on('request', (request) => request.url().includes('/requests/similar') && requests.push(new URL(request.url()).searchParams.get('title')!));
    // Typed key by key: only the pause after the last key asks the service.
    await panel(page).getByLabel('Title').pressSequentially('Export backlog as CSV', { delay: 30 });
    const similar = panel(page).getByRole('group', { name: 'Already asked? Vote for it instead:' });
    await similar.getByRole('button', { name: 'Export the backlog to CSV files', exact: true }).waitFor();
    expect(requests).toEqual(['Export backlog as CSV']);
    await similar.getByRole('button', { name: /^Vote for Export the backlog to CSV files/ }).click();
    await expect.poll(() => similar.getByRole('button', { name: /^Vote for Export the backlog/ }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await adminRequest(app, existing.id)).voters.map((voter) => voter.id)).toEqual(['user_dup']);
    expect((await adminRequest(app, existing.id)).request.votes).toBe(2);
    // Voting is not posting: the form is still open with what was typed, and nothing new was filed.
    expect(await panel(page).getByLabel('Title').inputValue()).toBe('Export backlog as CSV');
    const listed = (await (await app.admin('/requests?q=backlog')).json()) as { requests: { title: string }[] };
    expect(listed.requests.map((request) => request.title)).toEqual(['Export the backlog to CSV files']);
  });

  it('comments on a request and sees the team’s reply marked as the team’s', async () => {
    const { app } = e2e;
    const request = await seedRequest(app, 'Comment on me please');
    const page = await visit('/comments', 'user_commenter');
    await openPanel(page);
    let view = await openDetail(page, 'Comment on me please');
    expect(await view.textContent()).toContain('No comments yet.');
    await view.getByLabel('Add a comment').fill('We need this for the audit in May.');
    await view.getByRole('button', { name: 'Comment', exact: true }).click();
    await view.locator('li.comment').filter({ hasText: 'We need this for the audit in May.' }).waitFor();
    expect(await view.locator('li.comment').first().locator('.by').textContent()).toMatch(/^user_commenter · /);

    await teamReply(app, request.id, 'Planned for June, thank you!');
    await teamReply(app, request.id, 'Internal: ask Lin about the audit.', true);
    await view.getByRole('button', { name: '← All requests' }).click();
    view = await openDetail(page, 'Comment on me please');
    const comments = view.locator('li.comment');
    expect(await comments.count()).toBe(2);
    const reply = comments.filter({ hasText: 'Planned for June, thank you!' });
    expect(await reply.getAttribute('class')).toBe('comment team');
    expect(await reply.locator('.tag').textContent()).toBe('Team');
    expect(await view.textContent()).not.toContain('Internal');
    // The author may delete their own comment (a second click confirms), not the team's.
    expect(await reply.getByRole('button').count()).toBe(0);
    const own = comments.filter({ hasText: 'We need this' });
    await own.getByRole('button', { name: 'Delete' }).click();
    await own.getByRole('button', { name: 'Confirm delete' }).click();
    await expect.poll(() => comments.count()).toBe(1);
  });

  it('opens on the request an email links to (#reqio-request=<id>), at 1280 and 390 px', async () => {
    const { app, host } = e2e;
    const request = await seedRequest(app, 'Linked from an email');
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      const token = await app.mint({ sub: 'user_linked', email: 'user_linked@acme.test', name: 'Linked' });
      const page = await e2e.newPage({ viewport, reducedMotion: 'reduce' });
      await page.goto(`${host.page('/linked', 'server-rendered', { API: app.url, PROJECT_ID: app.project.id, TOKEN: token })}#reqio-request=${request.id}`);
      const view = detail(page, 'Linked from an email');
      await view.waitFor();
      expect(await launcher(page).getAttribute('aria-expanded')).toBe('true');
      expect(new URL(page.url()).hash).toBe('');
      const box = await view.boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
      await page.close();
    }
  });

  it('shows the roadmap: planned, in progress and done', async () => {
    const { app } = e2e;
    const suffix = randomBytes(3).toString('hex');
    const statuses = { planned: `Roadmap planned ${suffix}`, in_progress: `Roadmap building ${suffix}`, done: `Roadmap shipped ${suffix}`, open: `Roadmap open ${suffix}` };
    for (const [status, title] of Object.entries(statuses)) {
      const request = await seedRequest(app, title);
      if (status !== 'open') await setStatus(app, request.id, status);
    }
    const page = await visit('/roadmap');
    await openPanel(page);
    await panel(page).getByRole('tab', { name: 'Roadmap' }).click();
    await waitForList(page);
    const column = (name: string) => panel(page).getByRole('region', { name: new RegExp(`^${name} \\d+$`) });
    expect(await column('Planned').textContent()).toContain(statuses.planned);
    expect(await column('In progress').textContent()).toContain(statuses.in_progress);
    expect(await column('Done').textContent()).toContain(statuses.done);
    expect(await panel(page).locator('#reqio-roadmap').textContent()).not.toContain(statuses.open);
  });

  it('puts a badge on the launcher after a status change, and lists it under Updates', async () => {
    const { app } = e2e;
    const request = await seedRequest(app, 'Tell me when it ships');
    const first = await visit('/updates-1', 'user_follower');
    await openPanel(first);
    await voteButton(first, 'Tell me when it ships').click();
    await expect.poll(() => voteButton(first, 'Tell me when it ships').getAttribute('aria-pressed')).toBe('true');

    await setStatus(app, request.id, 'planned');
    const page = await visit('/updates-2', 'user_follower');
    await expect.poll(() => launcher(page).getAttribute('aria-label'), { timeout: 15_000 }).toBe('Feedback, 1 new update');
    expect(await launcher(page).locator('.count').textContent()).toBe('1');
    await openPanel(page);
    const tab = panel(page).getByRole('tab', { name: /^Updates/ });
    expect(await tab.textContent()).toBe('Updates1');
    await tab.click();
    await waitForList(page);
    const update = panel(page).locator('#reqio-updates li');
    expect(await update.textContent()).toMatch(/^Tell me when it shipsNow planned · /);
    // Seen: the badge is gone, here and on the next page.
    await expect.poll(() => tab.textContent()).toBe('Updates');
    await page.keyboard.press('Escape');
    expect(await launcher(page).getAttribute('aria-label')).toBe('Feedback');
    const next = await visit('/updates-3', 'user_follower');
    await next.waitForTimeout(3_500);
    expect(await launcher(next).getAttribute('aria-label')).toBe('Feedback');
  });

  it('works with the keyboard alone: search, open a request, comment, go back, close', async () => {
    const { app } = e2e;
    await seedRequest(app, 'Keyboard only flow target');
    const page = await visit('/keyboard-flow', 'user_keys');
    await launcher(page).waitFor();
    await launcher(page).focus();
    await page.keyboard.press('Enter');
    await waitForList(page);
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForResponse((response) => response.url().includes('q=Keyboard')), page.keyboard.type('Keyboard only flow')]);
    await waitForList(page);
    await expect.poll(async () => (await panel(page).locator('#reqio-top li.item .title').allTextContents())[0]).toBe('Keyboard only flow target');
    // Search box → filter → the first request's vote → its title.
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const view = detail(page, 'Keyboard only flow target');
    await view.waitFor();
    // Focus is on the heading (read out first); the next stop is the comment box.
    expect(await page.evaluate(() => document.querySelector('reqio-widget')?.shadowRoot?.activeElement?.id)).toBe('reqio-detail-title');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Typed without a mouse.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await view.locator('li.comment').filter({ hasText: 'Typed without a mouse.' }).waitFor();
    // Back past the comment box, the own comment's Delete and the vote to "All requests":
    // the list comes back with focus on the request it came from; Escape closes.
    for (let i = 0; i < 4; i += 1) await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.querySelector('reqio-widget')?.shadowRoot?.activeElement?.textContent)).toBe('Keyboard only flow target');
    expect(await panel(page).locator('#reqio-top li.item').first().locator('.badge').last().textContent()).toBe('1 comment');
    await page.keyboard.press('Escape');
    await expect.poll(() => panel(page).count()).toBe(0);
    expect(await page.evaluate(() => document.querySelector('reqio-widget')?.shadowRoot?.activeElement?.getAttribute('aria-label'))).toBe('Feedback');
  });

  it('loads the panel from the script’s origin under a nonce-only strict CSP (strict-dynamic)', async () => {
    const { app, host } = e2e;
    await seedRequest(app, 'Strict CSP request');
    const nonce = randomBytes(16).toString('base64');
    const csp = `default-src 'none'; script-src 'nonce-${nonce}' 'strict-dynamic'; connect-src ${app.url}; style-src 'nonce-${nonce}'; require-trusted-types-for 'script'`;
    const page = await e2e.newPage();
    const loaded: string[] = [];
    page.on('request', (request) => request.resourceType() === 'script' && loaded.push(request.url()));
    const panelFile = page.waitForResponse((response) => /\/panel-[\w-]+\.js$/.test(response.url()));
    const problems: string[] = [];
    page.on('console', (message) => ['error', 'warning'].includes(message.type()) && problems.push(message.text()));
    await page.goto(
      host.page('/strict-dynamic', 'hostile', { API: app.url, PROJECT_ID: app.project.id, NONCE: nonce, STYLE_NONCE_ATTRIBUTE: `data-nonce="${nonce}" nonce="${nonce}"` }, { 'content-security-policy': csp }),
    );
    await page.waitForFunction(() => (window as unknown as { ready: boolean }).ready);
    await openPanel(page);
    await panel(page).getByText('Strict CSP request').waitFor();
    expect(loaded.map((url) => url.replace(/panel-[\w-]+\.js$/, 'panel-HASH.js'))).toEqual([`${app.url}/widget.js`, `${app.url}/panel-HASH.js`]);
    // Compressed, and cached for good: its name changes with its content.
    const headers = (await panelFile).headers();
    expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(headers['content-encoding']).toMatch(/^(br|gzip)$/);
    const report = await page.evaluate(() => {
      const w = window as unknown as { errors: string[]; violations: string[] };
      return { errors: w.errors, violations: w.violations };
    });
    expect(report).toEqual({ errors: [], violations: [] });
    expect(problems).toEqual([]);
  });
});
