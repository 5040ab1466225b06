import { createHmac, timingSafeEqual } from 'node:crypto';

/** Signs and checks the tokens of one-click unsubscribe links: which project, which address. */
export interface UnsubscribeTokens {
  sign(subject: { projectId: string; email: string }): string;
  /** The project and address of a token signed here, or undefined for anything else (tampered, truncated). */
  verify(token: string): { projectId: string; email: string } | undefined;
}

/**
 * Tokens are `base64url(JSON {p, e}).base64url(HMAC-SHA256)` under a key of their own: they
 * work without a session, never expire (an old email's link still unsubscribes) and cannot
 * be forged or pointed at another address.
 */
export function createUnsubscribeTokens(key: Buffer): UnsubscribeTokens {
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest();
  return {
    sign({ projectId, email }) {
      const payload = Buffer.from(JSON.stringify({ p: projectId, e: email.toLowerCase() })).toString('base64url');
      return `${payload}.${mac(payload).toString('base64url')}`;
    },
    verify(token) {
      const [payload, signature, extra] = token.split('.');
      if (payload === undefined || signature === undefined || extra !== undefined || !/^[\w-]+$/.test(payload) || !/^[\w-]{43}$/.test(signature)) return undefined;
      const expected = mac(payload);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      try {
        const { p, e } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { p?: unknown; e?: unknown };
        return typeof p === 'string' && typeof e === 'string' ? { projectId: p, email: e } : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
