import { randomBytes } from 'node:crypto';

/** A random id with a readable prefix: `prj_…`, `req_…`, `usr_…`, `key_…` (16 bytes, base64url). */
export function randomId(prefix: 'prj' | 'req' | 'usr' | 'acc' | 'key' | 'sec' | 'own' | 'whk' | 'evt' | 'dlv' | 'cmt' | 'upd' | 'eml'): string {
  return `${prefix}_${randomBytes(16).toString('base64url')}`;
}

/** A project identity secret: `rq_sk_` and 43 base64url characters (32 random bytes). */
export function generateIdentitySecret(): string {
  return `rq_sk_${randomBytes(32).toString('base64url')}`;
}

/** A project API key: `rq_ak_` and 43 base64url characters; stored only as a hash. */
export function generateApiKey(): string {
  return `rq_ak_${randomBytes(32).toString('base64url')}`;
}
