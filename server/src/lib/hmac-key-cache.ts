const MAX_CACHED_KEYS = 1000;
const keys = new Map<string, Promise<CryptoKey>>();

/**
 * The HMAC-SHA256 key for a secret string, imported once and cached: importing a key costs
 * more than the HMAC itself. The secret is used as its UTF-8 bytes, as every Reqio snippet does.
 */
export function getHmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (key === undefined) {
    key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    // Forget a key whose import failed so a later call can retry.
    key.catch(() => keys.delete(secret));
    if (keys.size >= MAX_CACHED_KEYS) keys.delete(keys.keys().next().value as string);
    keys.set(secret, key);
  }
  return key;
}
