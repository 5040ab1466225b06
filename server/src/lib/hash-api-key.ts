import { createHash } from 'node:crypto';

/** The stored form of an API key: SHA-256 is enough for 256 random bits (no dictionary to attack). */
export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex');
}
