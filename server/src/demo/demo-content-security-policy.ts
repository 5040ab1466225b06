import { createHash } from 'node:crypto';

const hashOf = (content: string) => `'sha256-${createHash('sha256').update(content).digest('base64')}'`;

/**
 * The CSP of a demo page: its own inline scripts and styles allowed by hash (nothing else
 * inline), the widget and API from this origin, no plugins, no framing.
 */
export function demoContentSecurityPolicy(html: string): string {
  const inline = (tag: 'script' | 'style') => [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((match) => hashOf(match[1]!));
  return [
    "default-src 'self'",
    ["script-src 'self'", ...inline('script')].join(' '),
    ["style-src 'self'", ...inline('style')].join(' '),
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
