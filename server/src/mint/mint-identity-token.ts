import { SignJWT } from 'jose';
import { formatIssue, mintClaimsSchema, type Traits } from '@reqio/shared';
import { getHmacKey } from '../lib/hmac-key-cache.js';
import { checkMintOptions, type MintOptions } from './check-mint-options.js';

/** Who the user is, what they pay, and the company they belong to. */
export interface IdentityClaimsInput {
  /** Your user's id: a string of 1–255 characters. */
  sub: string;
  email?: string | null;
  name?: string | null;
  traits?: Traits | null;
  /**
   * B2B: the paying account the user belongs to (CONTRACT §6). Its revenue counts once
   * however many of its people vote, and the user's own amount then weighs nothing.
   */
  company?: CompanyInput | null;
}

/** A `company` claim: your company's id, and what the company pays, like {@link Traits}. */
export interface CompanyInput extends Traits {
  /** Your company's id: a string of 1–255 characters, or an integer. */
  id: string | number;
  name?: string | null;
}

/**
 * Mints a Reqio identity token on your server: HS256, audience-bound, 300 s at most.
 * The claims are checked first; a bad one (an annual plan sent as `amount: 99.99`) throws
 * a `TypeError` naming the field, so it never leaves your server.
 *
 * @example
 * const token = await mintIdentityToken(
 *   { sub: user.id, email: user.email, traits: { plan: 'pro', amount: 4900, interval: 'month' } },
 *   { secret: process.env.REQIO_SECRET!, audience: process.env.REQIO_AUDIENCE! },
 * );
 */
export async function mintIdentityToken(claims: IdentityClaimsInput, options: MintOptions): Promise<string> {
  const { secret, audience, expiresIn } = checkMintOptions(options, 'mintIdentityToken');
  const parsed = mintClaimsSchema.safeParse(claims);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // node-postgres hands BIGINT and NUMERIC columns back as strings: say how to convert.
    const value = issue.path.reduce<unknown>((parent, key) => (parent as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey], claims);
    const fromDatabase = issue.path.at(-1) === 'amount' && typeof value === 'string' ? ' (convert a database value with toAmount())' : '';
    throw new TypeError(`mintIdentityToken: ${formatIssue('claims', issue)}${fromDatabase}`);
  }

  const { sub, ...rest } = parsed.data;
  const payload = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  const issuedAt = Math.floor(Date.now() / 1000);
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setAudience(audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + expiresIn)
    .sign(await getHmacKey(secret));
}
