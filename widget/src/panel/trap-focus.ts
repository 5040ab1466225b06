const FOCUSABLE = 'button,input,textarea,select,a[href],[tabindex]';

/**
 * Keeps Tab and Shift+Tab inside `container` (the open panel). Focus inside a shadow root
 * shows as the root's `activeElement`, not the document's.
 */
export function trapFocus(event: KeyboardEvent, container: HTMLElement): void {
  const items = [...container.querySelectorAll<HTMLElement & { disabled?: boolean }>(FOCUSABLE)].filter(
    (element) => !element.disabled && element.tabIndex >= 0 && !element.closest('[hidden]'),
  );
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  const active = (container.getRootNode() as ShadowRoot | Document).activeElement;
  const inside = !!active && container.contains(active);
  if (event.shiftKey ? active === first || !inside : active === last || !inside) {
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  }
}
