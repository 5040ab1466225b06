import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30-second steps. */
const PERIOD = 30;

const totpFor = (key: string, label = 'Reqio') => new TOTP({ issuer: 'Reqio', label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(key) });

/** A new TOTP key (160 random bits, base32) and the `otpauth://` URL an app scans. */
export function createTotpKey(label: string): { key: string; otpauthUrl: string } {
  const key = new Secret({ size: 20 }).base32;
  return { key, otpauthUrl: totpFor(key, label).toString() };
}

/**
 * The time step a code belongs to if it is right now or one step either side (clocks
 * drift), else undefined. The caller refuses a step it has accepted before: no replay.
 */
export function matchTotpStep(key: string, code: string, now = Date.now()): number | undefined {
  const delta = totpFor(key).validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? undefined : TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
}

/** The code for a moment (tests and the confirmation step use it to know what an app would show). */
export const totpCodeAt = (key: string, timestamp: number): string => totpFor(key).generate({ timestamp });
