/** What the API accepts as an anonymous id. */
export const ANONYMOUS_ID_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;

/** A random anonymous id: 16 bytes from crypto.getRandomValues as 22 base64url characters. */
export function createAnonymousId(): string {
  let binary = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(16))) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
