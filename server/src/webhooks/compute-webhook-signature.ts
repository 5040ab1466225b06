const encoder = new TextEncoder();

/** The UTF-8 bytes of a string payload, or the bytes themselves. */
export function payloadBytes(payload: string | Uint8Array): Uint8Array {
  return typeof payload === 'string' ? encoder.encode(payload) : payload;
}

/** HMAC-SHA256 of `${id}.${timestamp}.${payload}` under `key`: the bytes behind a `v1,` signature. */
export async function computeWebhookSignature(key: Uint8Array, id: string, timestamp: number, payload: Uint8Array): Promise<Uint8Array> {
  const prefix = encoder.encode(`${id}.${timestamp}.`);
  const signed = new Uint8Array(prefix.length + payload.length);
  signed.set(prefix);
  signed.set(payload, prefix.length);
  const hmacKey = await crypto.subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, signed));
}
