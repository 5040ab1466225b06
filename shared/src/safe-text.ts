import { z } from 'zod';

// NUL cannot be stored in PostgreSQL text or jsonb, and a lone UTF-16 surrogate becomes
// U+FFFD on the way to UTF-8, so two different strings would be stored as one.
const NUL_OR_LONE_SURROGATE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// Control characters a single line of text never holds (C0, DEL, C1); a multi-line text may hold tab and line breaks.
const LINE_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** What a string may hold: `storable` refuses NUL and lone surrogates; `line` and `text` also control characters (`text` keeps tab and line breaks). */
export type SafeTextKind = 'storable' | 'line' | 'text';

/** Whether `value` can be stored and shown as the `kind` of text: no NUL, no lone surrogate, and for `line`/`text` no control characters. */
export function isSafeText(value: string, kind: SafeTextKind = 'storable'): boolean {
  if (NUL_OR_LONE_SURROGATE.test(value)) return false;
  return kind === 'storable' || !(kind === 'line' ? LINE_CONTROL : TEXT_CONTROL).test(value);
}

/** Why a string failed {@link isSafeText}, per kind. */
export const SAFE_TEXT_MESSAGES: Record<SafeTextKind, string> = {
  storable: 'must not contain NUL characters or lone UTF-16 surrogates',
  line: 'must not contain control characters, NUL or lone UTF-16 surrogates',
  text: 'must not contain control characters other than tabs and line breaks, NUL or lone UTF-16 surrogates',
};

/**
 * The string sanitiser at the schema boundary: a string schema refusing what cannot be
 * stored faithfully (and, for `line`/`text`, control characters).
 *
 * @example safeString('line').trim().max(120)
 */
export function safeString(kind: SafeTextKind = 'storable', options: { error?: string } = {}) {
  return z.string({ error: options.error ?? 'must be a string' }).refine((value) => isSafeText(value, kind), { error: SAFE_TEXT_MESSAGES[kind] });
}

/** Whether any string in a JSON value (keys included, at any depth) fails {@link isSafeText} as `storable`. */
export function containsUnsafeText(value: unknown): boolean {
  if (typeof value === 'string') return !isSafeText(value);
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(containsUnsafeText);
  return Object.entries(value).some(([key, inner]) => !isSafeText(key) || containsUnsafeText(inner));
}
