import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPanelLoader, loadScript, type LoadScript } from '../../widget/src/load-panel.js';
import { PANEL_EVENT } from '../../widget/src/panel-event.js';
import type { WidgetContext } from '../../widget/src/widget-state.js';

const SRC = 'https://feedback.acme.test/panel-Ab12Cd34.js';

function context(nonce: string | null = null): WidgetContext {
  const host = document.createElement('reqio-widget');
  const root = host.attachShadow({ mode: 'open' });
  document.body.append(host);
  return { root, nonce, slot: document.createElement('div'), launcher: document.createElement('button') } as unknown as WidgetContext;
}

/** A stand-in for the panel's file: running it announces `mount`. */
const announcing =
  (mount: unknown): LoadScript =>
  async () =>
    void document.dispatchEvent(new CustomEvent(PANEL_EVENT, { detail: mount }));

describe('createPanelLoader', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    delete (window as { trustedTypes?: unknown }).trustedTypes;
    vi.restoreAllMocks();
  });

  it('hands the context to the mount function the panel announces, once however often it is asked', async () => {
    const mount = vi.fn();
    const load = vi.fn(announcing(mount));
    const target = context();
    const loadPanel = createPanelLoader(SRC, target, load);
    const results = await Promise.all([loadPanel(), loadPanel()]);
    expect(await loadPanel()).toBe(true);
    expect(results).toEqual([true, true]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(load).toHaveBeenCalledWith(SRC, target);
    expect(mount).toHaveBeenCalledTimes(1);
    expect(mount).toHaveBeenCalledWith(target);
    // Not listening any more: a stray announcement later mounts nothing.
    document.dispatchEvent(new CustomEvent(PANEL_EVENT, { detail: mount }));
    expect(mount).toHaveBeenCalledTimes(1);
  });

  it('warns when the file loads without announcing itself, or fails, and tries again next time', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let attempt = 0;
    const mount = vi.fn();
    const loadPanel = createPanelLoader(SRC, context(), async () => {
      attempt += 1;
      if (attempt === 1) return;
      if (attempt === 2) throw new Error('404');
      document.dispatchEvent(new CustomEvent(PANEL_EVENT, { detail: mount }));
    });
    expect(await loadPanel()).toBe(false);
    expect(warn).toHaveBeenLastCalledWith(`[reqio] the panel could not be loaded from ${SRC}`);
    expect(await loadPanel()).toBe(false);
    expect(warn).toHaveBeenLastCalledWith(`[reqio] the panel could not be loaded from ${SRC}`, expect.any(Error));
    expect(await loadPanel()).toBe(true);
    expect(mount).toHaveBeenCalledTimes(1);
  });

  it('turns a mount that throws, or an announcement that is not a function, into a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await createPanelLoader(SRC, context(), announcing('not a function'))()).toBe(false);
    const failing = createPanelLoader(
      SRC,
      context(),
      announcing(() => {
        throw new Error('render bug');
      }),
    );
    expect(await failing()).toBe(false);
    expect(warn).toHaveBeenCalledWith('[reqio] the panel failed to start', expect.any(Error));
  });
});

describe('loadScript', () => {
  it('adds a <script> with the page’s nonce inside the shadow root, and removes it once it has failed', async () => {
    const target = context('n0nce');
    const original = target.root.append.bind(target.root);
    const seen: { tag: string; src: string; nonce: string | undefined }[] = [];
    // Appended to the shadow root, nowhere else.
    vi.spyOn(target.root, 'append').mockImplementation((...nodes) => {
      const script = nodes[0] as HTMLScriptElement;
      seen.push({ tag: script.tagName, src: script.src, nonce: script.nonce });
      original(...nodes);
    });
    // happy-dom loads no script files: it answers with an error event.
    await expect(loadScript(SRC, target)).rejects.toBeUndefined();
    expect(seen).toEqual([{ tag: 'SCRIPT', src: SRC, nonce: 'n0nce' }]);
    expect(target.root.querySelectorAll('script')).toHaveLength(0);
    expect(document.querySelectorAll('script')).toHaveLength(0);
  });

  it('passes the URL through a Trusted Types policy named "reqio" when the page has Trusted Types', async () => {
    const target = context();
    const createPolicy = vi.fn((_name: string, rules: { createScriptURL: (url: string) => string }) => ({ createScriptURL: (url: string) => rules.createScriptURL(url) }));
    (window as { trustedTypes?: unknown }).trustedTypes = { createPolicy };
    vi.spyOn(target.root, 'append').mockImplementation((...nodes) => {
      const script = nodes[0] as HTMLScriptElement;
      expect(script.src).toBe(SRC);
      queueMicrotask(() => script.onload?.(new Event('load')));
    });
    await loadScript(SRC, target);
    expect(createPolicy).toHaveBeenCalledWith('reqio', expect.any(Object));
  });
});
