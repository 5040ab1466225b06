import { hkdfSync } from 'node:crypto';

/** Derives a 32-byte key for one purpose from the master key, so no key serves two uses. */
export function deriveKey(masterKey: Buffer, purpose: 'secret-encryption' | 'widget-sessions' | 'dashboard-sessions' | 'unsubscribe-links'): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `reqio:${purpose}:v1`, 32));
}
