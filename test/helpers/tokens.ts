import { createHmac, randomBytes } from 'node:crypto';

/** A secret shaped like the ones Reqio generates: `rq_sk_` + 43 base64url characters. */
export const makeSecret = (): string => `rq_sk_${randomBytes(32).toString('base64url')}`;

export const SECRET = 'rq_sk_' + 'a'.repeat(43);
export const OTHER_SECRET = 'rq_sk_' + 'b'.repeat(43);
export const AUDIENCE = 'http://localhost:3000/p/prj_test';

const encode = (part: object | string) =>
  Buffer.from(typeof part === 'string' ? part : JSON.stringify(part)).toString('base64url');

/**
 * Signs a compact JWS by hand with node:crypto, the way the non-Node snippets do, so tests
 * can build tokens no library would (hostile headers, odd payloads).
 */
export function signRaw(header: object | string, payload: object | string, secret: string | Buffer = SECRET): string {
  const input = `${encode(header)}.${encode(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** Seconds since the epoch, from the (possibly frozen) clock. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** A valid payload for {@link AUDIENCE}, issued now, living 300 s; override any claim. */
export function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const iat = nowSeconds();
  return { sub: 'user_1', aud: AUDIENCE, iat, exp: iat + 300, ...overrides };
}
