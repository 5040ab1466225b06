import { randomBytes } from 'node:crypto';
import { hashSetupToken } from './hash-setup-token.js';

/** A fresh one-time link token and the hash the store keeps instead of it. */
export function createLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashSetupToken(token) };
}

/** The dashboard URL of a one-time link: the token rides in the fragment, which browsers never send, so no access log sees it. */
export const memberLinkUrl = (publicUrl: string, page: 'invite' | 'reset-password', token: string): string => `${publicUrl}/dashboard/${page}#token=${token}`;
