import helmet from 'helmet';

/**
 * Helmet's headers on everything the service serves: `nosniff`, a Referrer-Policy, HSTS when
 * the public URL is https (never on http://localhost, which a browser would then pin), and a
 * CSP that runs nothing, so an API answer opened as a page is inert. The dashboard and the
 * demo pages set their own CSP. No Cross-Origin-Resource-Policy: any site loads `widget.js`.
 */
export function securityHeaders(options: { publicUrl: string }) {
  const https = options.publicUrl.startsWith('https:');
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"] } },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginResourcePolicy: false,
  });
}
