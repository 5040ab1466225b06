import { createHash } from 'node:crypto';
import { pageContentSecurityPolicy } from '../http/page-content-security-policy.js';

const hashOf = (content: string) => `'sha256-${createHash('sha256').update(content).digest('base64')}'`;

/** The CSP of a demo page: the page's own inline scripts and styles allowed by hash, nothing else inline. */
export function demoContentSecurityPolicy(html: string): string {
  const inline = (tag: 'script' | 'style') => [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((match) => hashOf(match[1]!));
  return pageContentSecurityPolicy({ scripts: inline('script'), styles: inline('style') });
}
