/**
 * The CSP of the service's own pages (dashboard, demo): everything from this origin only, no
 * plugins, no framing; inline scripts and styles only where their hashes are listed.
 */
export function pageContentSecurityPolicy(inline: { scripts?: string[]; styles?: string[] } = {}): string {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...(inline.scripts ?? [])].join(' '),
    ["style-src 'self'", ...(inline.styles ?? [])].join(' '),
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
