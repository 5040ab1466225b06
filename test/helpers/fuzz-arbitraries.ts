import { Agent, request } from 'node:http';
import { API_ERROR_CODES } from '@reqio/shared';
import fc from 'fast-check';
import { expect } from 'vitest';

// Bounded and seeded, so a failure replays (fast-check prints the seed and the path).
export const FUZZ_SEED = 20_261_202;
export const FUZZ_RUNS = 5_000;
/** About 25 s on an idle two-core machine; room for a busy one. */
export const FUZZ_TIMEOUT_MS = 180_000;

// Strings that have broken services before: NUL, lone surrogates, control characters,
// huge and tiny numbers as text, prototype keys, SQL and path fragments.
export const nasty = fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udc00', '\u0007', '\u202e', '__proto__', 'constructor', "'; drop table users; --", '../../etc/passwd', '%00', '1e308', '-9e15', '', ' ', '\n');
export const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), nasty, fc.string({ minLength: 100, maxLength: 600 }));
export const number = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(1e308, -1e308, 1e15, -9e15, 0, -0, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -1));
export const json = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    number,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(text, fc.constantFrom('title', 'body', 'status', 'name', 'url', 'events', 'token', 'anonymousId')), tie('value'), { maxKeys: 5 }),
  ),
})).value;

// Bodies shaped like the routes' inputs, with fuzzed values, so the schemas' insides are reached too.
export const shapedBody = fc.record(
  {
    title: fc.oneof(text, json),
    body: fc.oneof(text, json),
    status: fc.oneof(fc.constantFrom('open', 'planned', 'in_progress', 'done', 'closed'), text),
    name: fc.oneof(text, json),
    token: fc.oneof(text, json),
    anonymousId: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/), text),
    gracePeriodSeconds: fc.oneof(number, json),
    allowedOrigins: fc.oneof(fc.array(fc.oneof(text, fc.constantFrom('https://*.example.com', 'http://*', '*', 'https://app.example.com')), { maxLength: 3 }), json),
    extraAudiences: fc.oneof(fc.array(text, { maxLength: 3 }), json),
    leewaySeconds: fc.oneof(number, json),
    requireIdentity: fc.oneof(fc.boolean(), json),
    url: fc.oneof(text, fc.constantFrom('https://hooks.example.com/x', 'http://127.0.0.1/x', 'http://[::1]/', 'http://0x7f000001/', 'javascript:alert(1)')),
    events: fc.oneof(fc.array(fc.oneof(text, fc.constantFrom('request.created', 'vote.created')), { maxLength: 3 }), json),
    description: fc.oneof(text, json),
    enabled: fc.oneof(fc.boolean(), json),
  },
  { requiredKeys: [] },
);

export const rawBody = fc.oneof(
  shapedBody.map((value) => JSON.stringify(value)),
  json.map((value) => JSON.stringify(value) ?? 'null'),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{', '{"title":', '\u0000', '{"title":"\\u0000"}', '{"title":"\\ud800"}', '[]', 'null', '1e309', '{"__proto__":{"x":1}}'),
);

export const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,40}$/);
export const extraHeaders = fc.record(
  {
    'content-type': fc.oneof(fc.constantFrom('application/json', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'), headerValue),
    'content-encoding': fc.oneof(fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'zstd', 'gzip, br'), headerValue),
    origin: fc.oneof(fc.constantFrom('https://app.example.com', 'null', 'http://evil.example'), headerValue),
    accept: headerValue,
    'x-forwarded-for': headerValue,
  },
  { requiredKeys: [] },
);

/** A path segment as sent; a lone surrogate cannot be UTF-8, so it goes as bytes that are not UTF-8 either. */
export function encodePathSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return `${encodeURIComponent(value.replace(/[\ud800-\udfff]/g, ''))}%ED%A0%80%FF`;
  }
}

/** Sends requests over one kept-alive connection, through node:http (fetch refuses some hostile headers before sending). */
export function createRawClient(baseUrl: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return {
    send(method: string, path: string, headers: Record<string, string>, body: string | undefined): Promise<{ status: number; text: string }> {
      return new Promise((resolve, reject) => {
        // With a length: node sends GET and DELETE bodies unframed otherwise, and the server reads them as a second, broken request.
        const length = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
        const outgoing = request(new URL(path, baseUrl), { method, headers: { ...headers, ...length }, agent }, (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
          response.on('error', reject);
        });
        outgoing.on('error', reject);
        outgoing.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}

const CODES: readonly string[] = API_ERROR_CODES;

/** No 5xx; a refusal is JSON with a code from the closed union. */
export function expectCoded(status: number, text: string, what: string): void {
  expect(status, what).toBeLessThan(500);
  if (status >= 400) {
    let code: string | undefined;
    try {
      code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
    } catch {
      // reported below: a refusal must be JSON with a code
    }
    expect(CODES, `${what}: ${text.slice(0, 200)}`).toContain(code);
  }
}
