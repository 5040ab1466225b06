// `*.` standing for exactly one DNS label, followed by at least two literal labels.
const WILDCARD_HOST = /^\*\.(?:[a-z0-9-]+\.)+[a-z0-9-]+$/;
const ONE_LABEL = /^[a-z0-9-]+$/;

/**
 * Normalises an allowed origin (a path is dropped): an http(s) origin (`https://app.example.com`), or a pattern
 * whose first label is `*` (`https://*.example.com`: one label, scheme and port exact).
 * Returns undefined for anything else (`*`, `https://*.com`, `https://a*.example.com`).
 */
export function normalizeOriginPattern(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.hostname.includes('*')) return WILDCARD_HOST.test(url.hostname) ? `${url.protocol}//${url.host}` : undefined;
  return url.origin === 'null' ? undefined : url.origin;
}

/**
 * Whether a request's `Origin` is allowed by a normalised origin or pattern: the same origin,
 * or, for `https://*.example.com`, one more label in front of `example.com` with the same
 * scheme and port.
 */
export function originMatches(pattern: string, origin: string): boolean {
  if (pattern === origin) return true;
  const star = pattern.indexOf('://*.');
  if (star === -1) return false;
  const scheme = pattern.slice(0, star + 3);
  const rest = pattern.slice(star + 4); // ".example.com" or ".example.com:8080"
  if (!origin.startsWith(scheme) || !origin.endsWith(rest)) return false;
  return ONE_LABEL.test(origin.slice(scheme.length, origin.length - rest.length));
}
