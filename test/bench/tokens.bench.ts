// `npm run bench:tokens`: µs per mint and per verify beside raw node:crypto HMAC-SHA256
// over the same signing input and beside plain jose, as ratios measured in one run.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { verifyIdentityToken } from '@reqio/server';
import { mintIdentityToken } from '@reqio/server/mint';
import { measure, report } from './measure.js';

const secret = 'rq_sk_' + 'k'.repeat(43);
const audience = 'http://localhost:3000/p/prj_bench';
const claims = { sub: 'user_1', email: 'a@b.co', traits: { plan: 'pro', amount: 120000, interval: 'year' as const } };
const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);

const token = await mintIdentityToken(claims, { secret, audience });
const [header, payload, signature] = token.split('.') as [string, string, string];
const signingInput = `${header}.${payload}`;
const expected = Buffer.from(signature, 'base64url');

const mint = await measure([
  { name: 'raw node:crypto HMAC (sign)', run: () => createHmac('sha256', secret).update(signingInput).digest('base64url') },
  {
    name: 'plain jose SignJWT',
    run: () => {
      const iat = Math.floor(Date.now() / 1000);
      return new SignJWT({ email: claims.email, traits: claims.traits }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject(claims.sub).setAudience(audience).setIssuedAt(iat).setExpirationTime(iat + 300).sign(key);
    },
  },
  { name: 'mintIdentityToken', run: () => mintIdentityToken(claims, { secret, audience }) },
]);
report('mint', mint, 'raw node:crypto HMAC (sign)');
console.log(`  mintIdentityToken / plain jose: ${(mint.get('mintIdentityToken')! / mint.get('plain jose SignJWT')!).toFixed(2)}×`);

const verify = await measure([
  {
    name: 'raw node:crypto HMAC (verify)',
    run: () => timingSafeEqual(createHmac('sha256', secret).update(signingInput).digest(), expected),
  },
  { name: 'plain jose jwtVerify', run: () => jwtVerify(token, key, { algorithms: ['HS256'], audience }) },
  { name: 'verifyIdentityToken', run: () => verifyIdentityToken(token, { secrets: secret, audience }) },
]);
report('verify', verify, 'raw node:crypto HMAC (verify)');
console.log(`  verifyIdentityToken / plain jose: ${(verify.get('verifyIdentityToken')! / verify.get('plain jose jwtVerify')!).toFixed(2)}×`);
