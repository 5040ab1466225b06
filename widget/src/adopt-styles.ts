/**
 * Adds `css` to the shadow root. A constructable stylesheet needs no `style-src`
 * permission; when the page hands us a nonce we use a `<style nonce>` instead, which its
 * policy explicitly allows.
 */
export function adoptStyles(root: ShadowRoot, css: string, nonce: string | null): void {
  if (!nonce && 'adoptedStyleSheets' in root) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      return;
    } catch {
      // Older engines: fall through to a <style> element.
    }
  }
  const style = document.createElement('style');
  if (nonce) style.setAttribute('nonce', nonce);
  style.textContent = css;
  root.append(style);
}
