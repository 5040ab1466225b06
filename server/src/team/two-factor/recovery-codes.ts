import { createHash, randomInt } from 'node:crypto';

/** How many recovery codes an account gets. */
export const RECOVERY_CODE_COUNT = 10;

// No 0/o, 1/l/i: codes are read off paper.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten fresh single-use codes, `xxxxx-xxxxx` (about 49 bits each). */
export function createRecoveryCodes(): string[] {
  const part = () => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => `${part()}-${part()}`);
}

/** The hash a recovery code is stored as (it is random enough that a fast hash is safe); dashes and case do not matter. */
export const hashRecoveryCode = (code: string): string => createHash('sha256').update(`reqio-recovery:${code.replace(/[-\s]/g, '').toLowerCase()}`).digest('base64url');
