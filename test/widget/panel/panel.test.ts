import type { WidgetComment, WidgetRequest } from '@reqio/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSessionClient } from '../../../widget/src/create-session-client.js';
import { createStorage } from '../../../widget/src/create-storage.js';
import { createStore } from '../../../widget/src/create-store.js';
import { mountPanel } from '../../../widget/src/panel/mount-panel.js';
import { PAGE_SIZE, SEARCH_DELAY_MS } from '../../../widget/src/panel/request-list.js';
import { SIMILAR_DELAY_MS } from '../../../widget/src/panel/submit-form.js';
import type { WidgetState } from '../../../widget/src/widget-state.js';
import { createFakeApi, fail, type Call } from '../fake-api.js';

// The panel in happy-dom against the scripted API: what each view asks for and shows.

const request = (id: string, title: string, change: Partial<WidgetRequest> = {}): WidgetRequest => ({
  id,
  title,
  body: '',
  status: 'open',
  votes: 1,
  voted: false,
  commentCount: 0,
  createdAt: '2026-11-30T10:00:00.000Z',
  ...change,
});
const comment = (id: string, body: string, change: Partial<WidgetComment> = {}): WidgetComment => ({
  id,
  body,
  author: { name: 'Ada', team: false },
  mine: false,
  createdAt: '2026-12-01T10:00:00.000Z',
  ...change,
});
const page = (from: number, count: number, total: number) => ({
  requests: Array.from({ length: Math.min(count, total - from) }, (_, index) => request(`r${from + index + 1}`, `Request ${from + index + 1}`)),
  nextOffset: from + count < total ? from + count : null,
});
const query = (call: Call) => Object.fromEntries(new URL(call.path, 'https://x.test').searchParams);

/** Lets promise callbacks and Preact's (microtask) renders run. */
const settle = async () => {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
  await vi.advanceTimersByTimeAsync(0);
};

function setUp() {
  const api = createFakeApi().withSessions();
  const store = createStore<WidgetState>({ open: true, user: null, identity: 0, unseen: 2 });
  const client = createSessionClient({ send: api.send, storage: createStorage('prj_1', null), emit: () => {}, onChange: () => {} });
  const host = document.createElement('reqio-widget');
  const root = host.attachShadow({ mode: 'open' });
  const slot = document.createElement('div');
  const launcher = document.createElement('button');
  root.append(slot, launcher);
  document.body.append(host);
  const $ = <E extends Element = HTMLElement>(selector: string) => root.querySelector<E>(selector);
  const $$ = (selector: string) => [...root.querySelectorAll<HTMLElement>(selector)];
  const button = (name: string | RegExp) =>
    $$('button').find((element) => (typeof name === 'string' ? element.textContent?.trim() === name || element.getAttribute('aria-label') === name : name.test(element.getAttribute('aria-label') ?? element.textContent ?? '')));
  const type = (element: HTMLInputElement | HTMLTextAreaElement, value: string) => {
    element.value = value;
    element.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const mount = () => mountPanel({ store, client, root, slot, launcher, nonce: null });
  return { api, store, root, $, $$, button, type, mount, titles: () => $$('.body:not([hidden]) [role=tabpanel] .item .title').map((element) => element.textContent) };
}

describe('the panel', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
    vi.restoreAllMocks();
  });

  it('loads more through nextOffset and moves focus to the first request added', async () => {
    const t = setUp();
    t.api.answer('GET /requests?sort=top&offset=0&limit=25', () => page(0, PAGE_SIZE, 60));
    t.api.answer('GET /requests?sort=top&offset=25&limit=25', () => page(25, PAGE_SIZE, 60));
    t.api.answer('GET /requests?sort=top&offset=50&limit=25', () => page(50, PAGE_SIZE, 60));
    t.mount();
    await settle();
    expect(t.titles()).toHaveLength(25);
    t.button('Load more')!.click();
    await settle();
    expect(t.titles()).toHaveLength(50);
    expect(t.root.activeElement?.textContent).toBe('Request 26');
    t.button('Load more')!.click();
    await settle();
    expect(t.titles()).toHaveLength(60);
    expect(t.titles()[59]).toBe('Request 60');
    // The last page has no nextOffset: no more button.
    expect(t.button('Load more')).toBeUndefined();
  });

  it('searches once typing pauses, dropping the call in flight, and filters by status', async () => {
    const t = setUp();
    t.api.answer('GET /requests?sort=top&offset=0&limit=25', () => page(0, 3, 3));
    t.api.answer('GET /requests?sort=top&q=dark%20mode&offset=0&limit=25', () => ({ requests: [request('d1', 'Dark mode')], nextOffset: null }));
    let release: () => void = () => {};
    t.api.answer('GET /requests?sort=top&q=dar&offset=0&limit=25', () => new Promise((resolve) => (release = () => resolve({ requests: [request('x', 'Stale')], nextOffset: null }))));
    t.api.answer('GET /requests?sort=top&status=planned&q=dark%20mode&offset=0&limit=25', () => ({ requests: [], nextOffset: null }));
    t.mount();
    await settle();
    const search = t.$<HTMLInputElement>('input[type=search]')!;
    expect(search.getAttribute('aria-label')).toBe('Search requests');
    t.type(search, 'd');
    t.type(search, 'da');
    t.type(search, 'dar');
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS);
    const stale = t.api.calls.at(-1)!;
    expect(query(stale)).toMatchObject({ q: 'dar' });
    t.type(search, 'dark mode');
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS - 1);
    expect(stale.signal?.aborted).toBe(true);
    // Three keystrokes, one call; the next call waits for the pause.
    expect(t.api.calls.filter((call) => call.path.includes('q='))).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    release();
    await settle();
    expect(t.titles()).toEqual(['Dark mode']);

    const filter = t.$<HTMLSelectElement>('select')!;
    expect(filter.getAttribute('aria-label')).toBe('Filter by status');
    filter.value = 'planned';
    filter.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect(t.$('.list')!.textContent).toBe('No requests match.');
  });

  it('shows up to 5 similar requests while a title is typed, cancels a lookup when typing goes on, and votes on one without posting', async () => {
    const t = setUp();
    t.api.answer('GET /requests?sort=top&offset=0&limit=25', () => page(0, 1, 1));
    const similar = Array.from({ length: 6 }, (_, index) => request(`s${index}`, `Export number ${index}`));
    t.api.answer('GET /requests/similar?title=Expo', () => new Promise(() => {}));
    t.api.answer('GET /requests/similar?title=Export%20to%20CSV', () => ({ requests: similar }));
    t.api.answer('PUT /requests/s0/vote', () => ({ voted: true, votes: 2 }));
    t.mount();
    await settle();
    t.button('Suggest a feature')!.click();
    await settle();
    const title = t.$<HTMLInputElement>('#reqio-title')!;
    t.type(title, 'Ex');
    await vi.advanceTimersByTimeAsync(SIMILAR_DELAY_MS);
    // Under 3 characters nothing is asked.
    expect(t.api.calls.filter((call) => call.path.startsWith('/requests/similar'))).toHaveLength(0);
    t.type(title, 'Expo');
    await vi.advanceTimersByTimeAsync(SIMILAR_DELAY_MS);
    const first = t.api.calls.at(-1)!;
    t.type(title, 'Export to CSV');
    expect(first.signal?.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(SIMILAR_DELAY_MS);
    await settle();
    const group = t.$('.similar')!;
    expect(group.getAttribute('role')).toBe('group');
    expect([...group.querySelectorAll('.title')].map((element) => element.textContent)).toEqual(similar.slice(0, 5).map((item) => item.title));
    (group.querySelector('.vote') as HTMLButtonElement).click();
    await settle();
    expect(t.api.to('PUT /requests/s0/vote')).toHaveLength(1);
    expect(group.querySelector('.vote')!.getAttribute('aria-pressed')).toBe('true');
    // Still the form, with what was typed; nothing posted.
    expect(t.api.to('POST /requests')).toHaveLength(0);
    expect(t.$<HTMLInputElement>('#reqio-title')!.value).toBe('Export to CSV');
  });

  it('opens a request with its comments, the team’s reply marked, and posts a comment', async () => {
    const t = setUp();
    t.api.answer('GET /requests?sort=top&offset=0&limit=25', () => ({ requests: [request('r1', 'Dark mode', { commentCount: 2 })], nextOffset: null }));
    t.api.answer('GET /requests/r1', () => ({
      request: { ...request('r1', 'Dark mode', { body: 'Please.', commentCount: 2 }), mine: false },
      comments: [comment('c1', 'Me too'), comment('c2', 'On it!', { author: { name: null, team: true } })],
    }));
    t.api.answer('POST /requests/r1/comments', (call) => ({ comment: comment('c3', (call.body as { body: string }).body, { mine: true, author: { name: 'Lin', team: false } }) }));
    t.mount();
    await settle();
    expect(t.$('.item .badge:last-child')!.textContent).toBe('2 comments');
    t.button('Dark mode')!.click();
    await settle();
    const region = t.$('[role=region]')!;
    expect(region.getAttribute('aria-labelledby')).toBe('reqio-detail-title');
    expect(t.root.activeElement?.id).toBe('reqio-detail-title');
    const comments = () => t.$$('li.comment');
    expect(comments().map((element) => [element.className, element.querySelector('.by')!.textContent])).toEqual([
      ['comment', 'Ada · Dec 1'],
      ['comment team', 'Team · Dec 1'],
    ]);
    // Empty comments are refused here, with the message tied to the box.
    t.button('Comment')!.click();
    await settle();
    const box = t.$<HTMLTextAreaElement>('#reqio-comment')!;
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(t.$(`#${box.getAttribute('aria-describedby')}`)!.textContent).toBe('Write a comment first.');
    box.value = '  Also on mobile  ';
    t.button('Comment')!.click();
    await settle();
    expect(t.api.to('POST /requests/r1/comments').map((call) => call.body)).toEqual([{ body: 'Also on mobile' }]);
    expect(comments()).toHaveLength(3);
    expect(box.value).toBe('');
    // Back: the list has the new count, and focus is on the request again.
    t.button('← All requests')!.click();
    await settle();
    expect(t.$('.item .badge:last-child')!.textContent).toBe('3 comments');
    expect(t.root.activeElement?.textContent).toBe('Dark mode');
  });

  it('lets the author edit and delete their own open request and comments, each delete confirmed', async () => {
    const t = setUp();
    t.api.answer('GET /requests?sort=top&offset=0&limit=25', () => ({ requests: [request('r1', 'My idea'), request('r2', 'Other')], nextOffset: null }));
    t.api.answer('GET /requests/r1', () => ({ request: { ...request('r1', 'My idea'), mine: true }, comments: [comment('c1', 'Mine', { mine: true }), comment('c2', 'Theirs')] }));
    t.api.answer('PATCH /requests/r1', (call) => ({ request: { ...request('r1', (call.body as { title: string }).title), mine: true } }));
    t.api.answer('DELETE /requests/r1/comments/c1', () => null);
    t.api.answer('DELETE /requests/r1', () => null);
    t.mount();
    await settle();
    t.button('My idea')!.click();
    await settle();
    // Only one's own comment has a delete button.
    expect(t.$$('li.comment').map((element) => !!element.querySelector('button'))).toEqual([true, false]);
    t.$<HTMLButtonElement>('li.comment button')!.click();
    await settle();
    expect(t.api.to('DELETE /requests/r1/comments/c1')).toHaveLength(0);
    t.button('Confirm delete')!.click();
    await settle();
    expect(t.api.to('DELETE /requests/r1/comments/c1')).toHaveLength(1);
    expect(t.$$('li.comment').map((element) => element.querySelector('.text')!.textContent)).toEqual(['Theirs']);

    t.button('Edit')!.click();
    await settle();
    const title = t.$<HTMLInputElement>('#reqio-title')!;
    expect(title.value).toBe('My idea');
    title.value = 'My better idea';
    t.button('Save')!.click();
    await settle();
    expect(t.api.to('PATCH /requests/r1').map((call) => call.body)).toEqual([{ title: 'My better idea', body: '' }]);
    expect(t.$('#reqio-detail-title')!.textContent).toBe('My better idea');
    expect(t.root.activeElement?.id).toBe('reqio-detail-title');

    t.button('Delete')!.click();
    await settle();
    t.button('Confirm delete')!.click();
    await settle();
    expect(t.api.to('DELETE /requests/r1')).toHaveLength(1);
    expect(t.titles()).toEqual(['Other']);
    expect(t.$('[role=status]')!.textContent).toBe('Your request is deleted.');
  });

  it('offers no edit or delete on another person’s request or once it is no longer open, and says why a change failed', async () => {
    const t = setUp();
    t.api.answer('GET /requests?sort=top&offset=0&limit=25', () => ({ requests: [request('r1', 'Planned one', { status: 'planned' }), request('r2', 'Gone')], nextOffset: null }));
    t.api.answer('GET /requests/r1', () => ({ request: { ...request('r1', 'Planned one', { status: 'planned' }), mine: true }, comments: [] }));
    // r2 was merged into r3: the service answers with r3 and mergedFrom.
    t.api.answer('GET /requests/r2', () => ({ request: { ...request('r3', 'Gone'), mine: false }, comments: [], mergedFrom: 'r2' }));
    t.api.answer('POST /requests/r3/comments', () => {
      throw fail(409, 'request_merged');
    });
    t.mount();
    await settle();
    t.button('Planned one')!.click();
    await settle();
    expect(t.button('Edit')).toBeUndefined();
    t.button('← All requests')!.click();
    await settle();
    t.button('Gone')!.click();
    await settle();
    expect(t.button('Edit')).toBeUndefined();
    expect(t.$('[role=region] .empty')!.textContent).toBe('The request you opened was merged into this one; its votes and comments are here.');
    t.$<HTMLTextAreaElement>('#reqio-comment')!.value = 'Hello?';
    t.button('Comment')!.click();
    await settle();
    expect(t.$('[role=alert]')!.textContent).toBe('This request can no longer be changed.');
  });

  it('opens on a linked request (its detail, once), and says so when it no longer exists', async () => {
    const t = setUp();
    t.api.answer('GET /requests?sort=top&offset=0&limit=25', () => ({ requests: [], nextOffset: null }));
    t.api.answer('GET /requests/r7', () => ({ request: { ...request('r7', 'Invoices in PDF', { status: 'done' }), mine: false }, comments: [] }));
    t.store.set({ linked: { id: 'r7' } });
    t.mount();
    await settle();
    expect(t.$('#reqio-detail-title')!.textContent).toBe('Invoices in PDF');
    expect(t.store.get().linked).toBeNull();
    t.button('← All requests')!.click();
    await settle();
    expect(t.$('#reqio-detail-title')).toBeNull();

    t.api.answer('GET /requests/gone', () => {
      throw fail(404, 'not_found');
    });
    t.store.set({ linked: { id: 'gone' } });
    await settle();
    expect(t.$('#reqio-detail-title')).toBeNull();
    expect(t.$('.notice.error')?.textContent).toBe('This request no longer exists.');
  });

  it('shows the roadmap in three sections', async () => {
    const t = setUp();
    t.api.answer('GET /requests?sort=top&offset=0&limit=25', () => page(0, 1, 1));
    t.api.answer('GET /requests?sort=top&status=planned,in_progress,done&limit=100', () => ({
      requests: [request('a', 'Soon', { status: 'planned' }), request('b', 'Now', { status: 'in_progress' }), request('c', 'Later too', { status: 'planned' })],
      nextOffset: null,
    }));
    t.mount();
    await settle();
    t.$<HTMLButtonElement>('#reqio-tab-roadmap')!.click();
    await settle();
    const sections = t.$$('#reqio-roadmap section').map((section) => [section.querySelector('h3')!.textContent, [...section.querySelectorAll('.title')].map((element) => element.textContent)]);
    expect(sections).toEqual([
      ['Planned 2', ['Soon', 'Later too']],
      ['In progress 1', ['Now']],
      ['Done 0', []],
    ]);
    expect(t.$('#reqio-roadmap section:last-child .empty')!.textContent).toBe('Nothing here yet.');
  });

  it('lists the updates, marks them seen and clears the badge', async () => {
    const t = setUp();
    t.api.answer('GET /requests?sort=top&offset=0&limit=25', () => page(0, 1, 1));
    t.api.answer('GET /updates', () => ({
      updates: [
        { request: request('a', 'Dark mode', { status: 'done' }), kind: 'status', at: '2026-12-01T09:00:00.000Z' },
        { request: request('b', 'SSO'), kind: 'reply', at: '2026-11-29T09:00:00.000Z' },
      ],
    }));
    t.api.answer('POST /updates/seen', () => null);
    t.mount();
    await settle();
    const tab = t.$<HTMLButtonElement>('#reqio-tab-updates')!;
    expect(tab.textContent).toBe('Updates2');
    tab.click();
    await settle();
    expect(t.$$('#reqio-updates li').map((element) => element.textContent)).toEqual(['Dark modeNow done · Dec 1', 'SSOThe team replied · Nov 29']);
    expect(t.api.to('POST /updates/seen')).toHaveLength(1);
    expect(t.store.get().unseen).toBe(0);
    expect(tab.textContent).toBe('Updates');
  });

  it('moves between tabs with the arrow keys, one Tab stop for all of them', async () => {
    const t = setUp();
    t.api.answer('GET /requests?sort=top&offset=0&limit=25', () => page(0, 1, 1));
    t.api.answer('GET /requests?sort=new&offset=0&limit=25', () => page(0, 1, 1));
    t.api.answer('GET /updates', () => ({ updates: [] }));
    t.mount();
    await settle();
    const tabs = t.$$('[role=tab]');
    expect(tabs.map((tab) => tab.textContent)).toEqual(['Top', 'New', 'Trending', 'Roadmap', 'Updates2']);
    expect(tabs.map((tab) => tab.tabIndex)).toEqual([0, -1, -1, -1, -1]);
    const press = (key: string) => t.root.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    expect(t.root.activeElement).toBe(tabs[0]);
    press('ArrowRight');
    await settle();
    expect(t.root.activeElement?.id).toBe('reqio-tab-new');
    press('ArrowRight');
    await settle();
    expect(t.root.activeElement?.id).toBe('reqio-tab-trending');
    press('ArrowLeft');
    press('End');
    await settle();
    expect(t.root.activeElement?.id).toBe('reqio-tab-updates');
    expect(t.$$('[role=tab]').map((tab) => tab.getAttribute('aria-selected'))).toEqual(['false', 'false', 'false', 'false', 'true']);
    press('Home');
    await settle();
    expect(t.root.activeElement?.id).toBe('reqio-tab-top');
    // ArrowLeft on the first tab wraps round to the last.
    press('ArrowLeft');
    await settle();
    expect(t.root.activeElement?.id).toBe('reqio-tab-updates');
  });

  it('shows the trending list from sort=trending, and searches and filters within it', async () => {
    const t = setUp();
    t.api.answer('GET /requests?sort=top&offset=0&limit=25', () => ({ requests: [request('t1', 'All-time favourite')], nextOffset: null }));
    t.api.answer('GET /requests?sort=trending&offset=0&limit=25', () => ({ requests: [request('h1', 'Hot this fortnight'), request('h2', 'Rising')], nextOffset: null }));
    t.api.answer('GET /requests?sort=trending&status=planned&offset=0&limit=25', () => ({ requests: [request('h3', 'Planned and rising', { status: 'planned' })], nextOffset: null }));
    t.mount();
    await settle();
    expect(t.titles()).toEqual(['All-time favourite']);
    const tab = t.$<HTMLButtonElement>('#reqio-tab-trending')!;
    expect(tab.getAttribute('aria-controls')).toBe('reqio-trending');
    tab.click();
    await settle();
    expect(tab.getAttribute('aria-selected')).toBe('true');
    const lists = () => t.api.calls.filter((call) => call.method === 'GET' && call.path.startsWith('/requests?')).map(query);
    expect(lists().map(({ sort }) => sort)).toEqual(['top', 'trending']);
    expect(t.$('#reqio-trending')!.getAttribute('aria-labelledby')).toBe('reqio-tab-trending');
    expect(t.titles()).toEqual(['Hot this fortnight', 'Rising']);
    const filter = t.$<HTMLSelectElement>('#reqio-trending select')!;
    filter.value = 'planned';
    filter.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect(t.titles()).toEqual(['Planned and rising']);
    expect(lists().at(-1)).toMatchObject({ sort: 'trending', status: 'planned' });
  });

  it('turns an answer of an unexpected shape into a warning, never an exception in the page', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const t = setUp();
    t.api.answer('GET /requests?sort=top&offset=0&limit=25', () => ({ nothing: true }));
    t.mount();
    await settle();
    expect(warn).toHaveBeenCalledWith('[reqio] an answer could not be shown', expect.any(TypeError));
    expect(t.$('[role=dialog]')).not.toBeNull();
  });
});
