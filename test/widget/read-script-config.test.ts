import { afterEach, describe, expect, it, vi } from 'vitest';
import { findWidgetScript, readScriptConfig } from '../../widget/src/read-script-config.js';

function script(attributes: Record<string, string>): HTMLScriptElement {
  const element = document.createElement('script');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

describe('readScriptConfig', () => {
  afterEach(() => {
    document.head.innerHTML = '';
    vi.restoreAllMocks();
  });

  it('reads the data-* attributes, with the API at the script’s own origin by default', () => {
    expect(readScriptConfig(script({ src: 'https://feedback.acme.test/widget.js?v=2', 'data-project-id': 'prj_1', 'data-identity-token': 'tok' }))).toEqual({
      projectId: 'prj_1',
      apiUrl: 'https://feedback.acme.test',
      identityToken: 'tok',
      accent: null,
      position: 'bottom-right',
      nonce: null,
    });
  });

  it('takes data-api-url, data-accent, data-position and data-nonce', () => {
    const config = readScriptConfig(
      script({
        src: 'https://cdn.acme.test/widget.js',
        'data-project-id': 'prj_1',
        'data-api-url': 'https://api.acme.test/reqio/',
        'data-accent': '#e11d48',
        'data-position': 'bottom-left',
        'data-nonce': 'n0nce',
      }),
    );
    expect(config).toMatchObject({ apiUrl: 'https://api.acme.test/reqio', accent: '#e11d48', position: 'bottom-left', nonce: 'n0nce' });
  });

  it('treats an empty data-identity-token (a signed-out template) as none, and an unknown position as the default', () => {
    expect(readScriptConfig(script({ src: 'https://a.test/widget.js', 'data-project-id': 'p', 'data-identity-token': ' ', 'data-position': 'top' }))).toMatchObject({
      identityToken: null,
      position: 'bottom-right',
    });
  });

  it('warns and gives up without data-project-id', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(readScriptConfig(script({ src: 'https://a.test/widget.js' }))).toBeNull();
    expect(readScriptConfig(null)).toBeNull();
    expect(warn).toHaveBeenCalledWith('[reqio] the widget script needs data-project-id="YOUR_PROJECT_ID"');
  });

  it('finds the tag by its data-project-id when document.currentScript is gone', () => {
    document.head.append(script({ src: 'https://a.test/other.js' }), script({ src: 'https://a.test/widget.js', 'data-project-id': 'p' }));
    expect(findWidgetScript()?.src).toBe('https://a.test/widget.js');
  });
});
