import { LIMITS } from '@reqio/shared';
import { IdentityTokenError } from './identity-token-error.js';
import { parsePayloadJson } from './parse-payload-json.js';

/** The parts of a compact JWS after the structural checks, before the signature is checked. */
export interface ParsedCompactToken {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signatureBytes: number;
}

// Only what HS256 with a shared secret needs. `kid` is tolerated and never used to find a
// key, so a hostile `kid` ("../../dev/null") cannot select one.
const ALLOWED_HEADERS = new Set(['alg', 'typ', 'kid']);
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const HS256_SIGNATURE_BYTES = 32;

const malformed = (message: string, header?: string) =>
  new IdentityTokenError('token_malformed', message, header === undefined ? {} : { header });

function decodeSegment(segment: string, name: string): Buffer {
  // Reject non-canonical encodings (padding, stray bits) so a token has exactly one spelling.
  const bytes = BASE64URL.test(segment) && segment.length % 4 !== 1 ? Buffer.from(segment, 'base64url') : undefined;
  if (bytes === undefined || bytes.toString('base64url') !== segment) {
    throw malformed(`The token's ${name} is not canonical base64url.`);
  }
  return bytes;
}

function decodeJsonObject(segment: string, name: 'header' | 'payload'): Record<string, unknown> {
  let value: unknown;
  try {
    const text = decodeSegment(segment, name).toString('utf8');
    value = name === 'payload' ? parsePayloadJson(text) : JSON.parse(text);
  } catch (error) {
    if (error instanceof IdentityTokenError) throw error;
    throw malformed(`The token's ${name} is not JSON.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformed(`The token's ${name} must be a JSON object.`);
  }
  return value as Record<string, unknown>;
}

/**
 * Checks a compact JWS's structure before any cryptography: the size limit, three
 * canonical base64url segments, a JSON-object header and payload, the header allow-list
 * and `alg: HS256`.
 */
export function parseCompactToken(token: unknown): ParsedCompactToken {
  if (typeof token !== 'string' || token.length === 0) throw malformed('The token must be a non-empty string.');
  if (token.length > LIMITS.maxTokenLength) {
    throw malformed(`The token is longer than ${LIMITS.maxTokenLength} characters.`);
  }
  if (token.trim() !== token) throw malformed('The token has whitespace around it: trim the value before sending it.');
  const segments = token.split('.');
  if (segments.length !== 3) throw malformed('The token must have three dot-separated parts (a JWS in compact form).');
  const [headerSegment, payloadSegment, signatureSegment] = segments as [string, string, string];

  const header = decodeJsonObject(headerSegment, 'header');
  if (header.alg !== 'HS256') {
    throw new IdentityTokenError(
      'algorithm_not_allowed',
      `Only HS256 is accepted; the token's header says ${JSON.stringify(String(header.alg ?? 'nothing')).slice(0, 40)}.`,
      { header: 'alg' },
    );
  }
  for (const name of Object.keys(header)) {
    if (!ALLOWED_HEADERS.has(name)) {
      throw malformed(`The header parameter "${name.slice(0, 40)}" is not allowed.`, name);
    }
  }
  if (header.typ !== undefined && (typeof header.typ !== 'string' || header.typ.toUpperCase() !== 'JWT')) {
    throw malformed('The header "typ", when present, must be "JWT".', 'typ');
  }
  if (header.kid !== undefined && typeof header.kid !== 'string') {
    throw malformed('The header "kid", when present, must be a string.', 'kid');
  }

  const payload = decodeJsonObject(payloadSegment, 'payload');
  const signatureBytes = decodeSegment(signatureSegment, 'signature').length;
  if (signatureBytes !== HS256_SIGNATURE_BYTES) {
    throw new IdentityTokenError('signature_invalid', 'The signature is not a valid HS256 signature.');
  }
  return { header, payload, signatureBytes };
}
