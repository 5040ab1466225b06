import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LoadScript } from '../../widget/src/load-panel.js';
import { mountPanel } from '../../widget/src/panel/mount-panel.js';
import { PANEL_EVENT } from '../../widget/src/panel-event.js';
import { QUEUE_STUB_SNIPPET } from '../../widget/src/queue-stub.js';
import { startWidget } from '../../widget/src/start-widget.js';

/** Runs the documented stub the way a page's inline script would. */
const runStub = () => new Function('window', `with (window) { ${QUEUE_STUB_SNIPPET} }`)(window);
const Reqio = () => (window as unknown as { Reqio: Record<string, (...args: unknown[]) => unknown> & { q?: unknown[]; version?: string } }).Reqio;

function fakeFetch() {
  const calls: string[] = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const path = String(url).replace('https://api.example/v1/projects/prj_1', '');
    calls.push(`${init?.method} ${path}`);
    const body =
      path === '/identify'
        ? { session: 's-user', expiresAt: new Date(Date.now() + 60_000).toISOString(), user: { id: 'u1', email: 'ada@acme.test', plan: null, monthlyAmount: 0 }, warnings: [] }
        : path === '/sessions'
          ? { session: 's-anon', expiresAt: new Date(Date.now() + 60_000).toISOString() }
          : path === '/updates'
            ? { updates: [] }
            : { requests: [], nextOffset: null };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  return { fetch, calls };
}

/** Stands in for the `<script>` the loader adds: "runs" the panel's entry, which announces itself. */
const panelScripts: string[] = [];
const loadScript: LoadScript = async (src) => {
  panelScripts.push(src);
  document.dispatchEvent(new CustomEvent(PANEL_EVENT, { detail: mountPanel }));
};
const start = (fetch: typeof globalThis.fetch, options: { loadScript?: LoadScript } = {}) => startWidget({ fetch, loadScript, ...options });

const flush = () => new Promise((resolve) => setTimeout(resolve, 10));
/** The UI mounts when the page is idle, in a task of its own. */
const mounted = () => vi.waitFor(() => expect(document.querySelector('reqio-widget')).not.toBeNull());

describe('startWidget and the queue stub', () => {
  beforeEach(() => {
    const tag = document.createElement('script');
    tag.src = 'https://api.example/widget.js';
    tag.dataset.projectId = 'prj_1';
    document.body.append(tag);
  });
  afterEach(() => {
    panelScripts.length = 0;
    document.body.innerHTML = '';
    delete (window as { Reqio?: unknown }).Reqio;
    localStorage.clear();
    vi.restoreAllMocks();
  });

  it('replays the calls made before the load, in order, on the same object', async () => {
    runStub();
    const stub = Reqio();
    const order: string[] = [];
    stub.on?.('ready', () => order.push('ready listener'));
    stub.on?.('identified', (user: { id: string }) => order.push(`identified ${user.id}`));
    stub.identify?.('token-1');
    stub.open?.();
    const onReset = () => order.push('reset listener');
    stub.on?.('reset', onReset);
    stub.off?.('reset', onReset);
    expect(stub.q).toHaveLength(6);

    const { fetch, calls } = fakeFetch();
    start(fetch);
    expect(Reqio()).toBe(stub);
    expect(Reqio().q).toBeUndefined();
    expect(typeof Reqio().version).toBe('string');
    await mounted();
    await flush();
    // Both heard; which comes first depends on the network and on when the page is idle.
    expect([...order].sort()).toEqual(['identified u1', 'ready listener']);
    // The list and the updates waited for the identify; they may load again when the user changes under them.
    expect(calls[0]).toBe('POST /identify');
    expect(new Set(calls.slice(1))).toEqual(new Set(['GET /requests?sort=top&offset=0&limit=25']));
    expect(JSON.parse(String(fetch.mock.calls[0]?.[1]?.body))).toEqual({ token: 'token-1' });
    // open() was honoured: the dialog is in the shadow root.
    const root = document.querySelector('reqio-widget')?.shadowRoot;
    expect(root?.querySelector('[role=dialog]')).not.toBeNull();
    // The stub's methods were replaced by the real ones: later calls act at once.
    Reqio().close?.();
    await flush();
    expect(root?.querySelector('[role=dialog]')).toBeNull();
    // The off() queued after its on() was replayed too: no reset listener is left.
    Reqio().reset?.();
    expect(order).toHaveLength(2);
  });

  it('is a no-op when loaded a second time', async () => {
    const { fetch } = fakeFetch();
    start(fetch);
    const first = Reqio();
    start(fetch);
    runStub();
    await mounted();
    await flush();
    expect(Reqio()).toBe(first);
    expect(document.querySelectorAll('reqio-widget')).toHaveLength(1);
    expect(Reqio().q).toBeUndefined();
  });

  it('works without a stub, and warns about queued calls it does not know', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    (window as unknown as { Reqio: unknown }).Reqio = { q: [['track', ['pageview']], ['open', []]] };
    start(fakeFetch().fetch);
    await mounted();
    expect(warn).toHaveBeenCalledWith('[reqio] ignored a queued call to Reqio.track');
    expect(document.querySelector('reqio-widget')?.shadowRoot?.querySelector('[role=dialog]')).not.toBeNull();
  });

  it('loads the panel from the script’s own origin once, after the page settles, and asks a returning visitor for updates', async () => {
    localStorage.setItem('reqio:prj_1:anonymousId', JSON.stringify('a'.repeat(22)));
    const { fetch, calls } = fakeFetch();
    fetch.mockImplementation(async (url) => {
      // data-api-url moves the API, not the panel.
      expect(String(url)).toMatch(/^https:\/\/elsewhere\.example\/api\/v1\/projects\/prj_1\//);
      const path = String(url).replace('https://elsewhere.example/api/v1/projects/prj_1', '');
      calls.push(path);
      const body =
        path === '/sessions'
          ? { session: 's-anon', expiresAt: new Date(Date.now() + 60_000).toISOString() }
          : path === '/updates'
            ? { updates: [{ kind: 'status', at: '', request: {} }, { kind: 'reply', at: '', request: {} }] }
            : { requests: [], nextOffset: null };
      return new Response(JSON.stringify(body), { status: 200 });
    });
    document.querySelector('script')!.dataset.apiUrl = 'https://elsewhere.example/api';
    startWidget({ fetch, loadScript, laterMs: 0 });
    await mounted();
    const launcherOf = () => document.querySelector('reqio-widget')!.shadowRoot!.querySelector('.launcher')!;
    await vi.waitFor(() => expect(launcherOf().getAttribute('aria-label')).toBe('Feedback, 2 new updates'));
    expect(launcherOf().querySelector('.count')?.textContent).toBe('2');
    expect(panelScripts).toHaveLength(1);
    expect(panelScripts[0]).toMatch(/^https:\/\/api\.example\/panel(-[\w-]+)?\.js$/);
    Reqio().open?.();
    await flush();
    // Opening (and closing and opening again) does not load it twice; the badge hides while open.
    Reqio().close?.();
    Reqio().open?.();
    await flush();
    expect(panelScripts).toHaveLength(1);
    expect(launcherOf().getAttribute('aria-label')).toBe('Close feedback');
    expect(launcherOf().querySelector('.count')?.textContent).toBe('');
  });

  it('warns and closes again when the panel cannot be loaded, and tries again on the next open', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let attempts = 0;
    startWidget({ fetch: fakeFetch().fetch, laterMs: 60_000, loadScript: async () => void (attempts += 1) });
    await mounted();
    Reqio().open?.();
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^\[reqio\] the panel could not be loaded from https:\/\/api\.example\/panel/)));
    await vi.waitFor(() => expect(document.querySelector('reqio-widget')!.shadowRoot!.querySelector('.launcher')!.getAttribute('aria-expanded')).toBe('false'));
    Reqio().open?.();
    await flush();
    expect(attempts).toBe(2);
  });

  it('makes no API call until it needs one', async () => {
    const { fetch } = fakeFetch();
    startWidget({ fetch, loadScript, laterMs: 0 });
    await mounted();
    await flush();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('opens the panel on the request an email links to (#reqio-request=<id>), once, and takes the fragment off the address', async () => {
    history.replaceState(null, '', '/app/settings?tab=2#reqio-request=req_42');
    const { fetch, calls } = fakeFetch();
    fetch.mockImplementation(async (url, init) => {
      const path = String(url).replace('https://api.example/v1/projects/prj_1', '');
      calls.push(`${init?.method} ${path}`);
      const body =
        path === '/sessions'
          ? { session: 's-anon', expiresAt: new Date(Date.now() + 60_000).toISOString() }
          : path === '/requests/req_42'
            ? { request: { id: 'req_42', title: 'Dark mode', body: '', status: 'done', votes: 3, voted: true, commentCount: 0, createdAt: '2026-11-30T10:00:00.000Z', mine: false }, comments: [] }
            : { requests: [], nextOffset: null };
      return new Response(JSON.stringify(body), { status: 200 });
    });
    start(fetch);
    expect(location.hash).toBe('');
    expect(`${location.pathname}${location.search}`).toBe('/app/settings?tab=2');
    await mounted();
    const root = document.querySelector('reqio-widget')!.shadowRoot!;
    await vi.waitFor(() => expect(root.querySelector('#reqio-detail-title')?.textContent).toBe('Dark mode'));
    expect(calls.filter((call) => call === 'GET /requests/req_42').length).toBeGreaterThanOrEqual(1);

    // Closing and opening again does not follow the link again; a new link while on the page does.
    const fetches = () => calls.filter((call) => call === 'GET /requests/req_42').length;
    const before = fetches();
    root.querySelector<HTMLButtonElement>('.detail button, [role=region] button')?.click();
    Reqio().close?.();
    Reqio().open?.();
    await flush();
    expect(fetches()).toBe(before);
    Reqio().close?.();
    location.hash = '#reqio-request=req_42';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await vi.waitFor(() => expect(fetches()).toBeGreaterThan(before));
    await vi.waitFor(() => expect(root.querySelector('#reqio-detail-title')?.textContent).toBe('Dark mode'));
    expect(root.querySelector('.launcher')!.getAttribute('aria-expanded')).toBe('true');
    expect(location.hash).toBe('');
    history.replaceState(null, '', '/');
  });

  it('keeps every node inside the shadow root of one host element', async () => {
    const before = document.body.children.length;
    start(fakeFetch().fetch);
    await mounted();
    expect(document.body.children.length).toBe(before + 1);
    const host = document.body.lastElementChild!;
    expect(host.tagName).toBe('REQIO-WIDGET');
    expect(host.childNodes).toHaveLength(0);
    expect(host.shadowRoot?.mode).toBe('open');
    expect(host.shadowRoot?.querySelector('.launcher')?.getAttribute('aria-label')).toBe('Feedback');
  });
});

describe('the documented snippet', () => {
  it('is the one every fixture page uses', () => {
    const fixtures = join(fileURLToPath(import.meta.url), '../../e2e/fixtures');
    const read = (name: string) => readFileSync(join(fixtures, name), 'utf8');
    const pages = readdirSync(fixtures).filter((name) => read(name).includes('Reqio.q.push'));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const name of pages) expect(read(name)).toContain(QUEUE_STUB_SNIPPET);
  });
});
