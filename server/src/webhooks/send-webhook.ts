import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { WebhookHeaders } from './sign-webhook-payload.js';
import { WebhookTargetRefusedError, type CheckedAddress, type WebhookTargetGuard } from './webhook-target-guard.js';

/** What one HTTP attempt came to. */
export interface SendResult {
  startedAt: string;
  durationMs: number;
  /** The receiver's status, or null when no answer came. */
  statusCode: number | null;
  /** Why there was no answer, or null. */
  error: string | null;
  responseExcerpt: string | null;
}

// Enough of an answer to debug a receiver; the rest is never read, let alone stored.
const EXCERPT_BYTES = 1024;
const EXCERPT_CHARACTERS = 500;

function toExcerpt(chunks: Uint8Array[]): string | null {
  const bytes = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES);
  const text = new TextDecoder().decode(bytes).slice(0, EXCERPT_CHARACTERS);
  return text === '' ? null : text;
}

async function readExcerpt(response: Response): Promise<string | null> {
  if (response.body === null) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } catch {
    // A body cut short (timeout, reset) still leaves what arrived.
  } finally {
    reader.cancel().catch(() => {});
  }
  return toExcerpt(chunks);
}

/**
 * POSTs to the one address the guard checked, never to what a second DNS answer says (no
 * rebinding between check and connect): the URL's host still names the Host header and TLS.
 */
function postToAddress(url: URL, target: CheckedAddress, init: { headers: Record<string, string>; body: string; signal: AbortSignal }): Promise<{ status: number; excerpt: string | null }> {
  return new Promise((resolve, reject) => {
    const pinned: LookupFunction = (_hostname, options, callback) => {
      if (options.all) callback(null, [target]);
      else callback(null, target.address, target.family);
    };
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      url,
      { method: 'POST', headers: { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) }, signal: init.signal, lookup: pinned },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => resolve({ status: response.statusCode ?? 0, excerpt: toExcerpt(chunks) });
        response.on('data', (chunk: Buffer) => {
          if (size < EXCERPT_BYTES) chunks.push(chunk);
          size += chunk.length;
          // Enough to debug a receiver; the rest is never read.
          if (size >= EXCERPT_BYTES) response.destroy();
        });
        response.on('end', done);
        // A body cut short (timeout, reset, or by us) still leaves what arrived.
        response.on('close', done);
        response.on('error', () => {});
      },
    );
    request.on('error', reject);
    request.end(init.body);
  });
}

/** A short reason without the URL (its path or query may itself be a credential, as with chat webhooks). */
function describeFailure(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `timeout after ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  if (typeof cause?.message === 'string') return cause.message.slice(0, 200);
  return 'request failed';
}

/**
 * POSTs one signed delivery with a bounded timeout, to an address the SSRF guard checked
 * (CONTRACT §5): a refused target is never contacted, so nothing of its answer is kept.
 * Redirects are not followed (a 3xx is a failure, as in the Standard Webhooks guidance),
 * and at most a short excerpt of the answer is read. Never throws.
 */
export async function sendWebhook(options: {
  url: string;
  headers: WebhookHeaders;
  body: string;
  timeoutMs: number;
  guard: WebhookTargetGuard;
  /** Another transport (tests): used after the guard's check, without pinning the address. */
  fetch?: typeof fetch;
}): Promise<SendResult> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const finish = (result: Pick<SendResult, 'statusCode' | 'error' | 'responseExcerpt'>): SendResult => ({
    startedAt,
    durationMs: Math.round(performance.now() - started),
    ...result,
  });
  const url = URL.canParse(options.url) ? new URL(options.url) : undefined;
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') return finish({ statusCode: null, error: 'only http and https URLs are delivered to', responseExcerpt: null });
  const signal = AbortSignal.timeout(options.timeoutMs);
  const headers = { ...options.headers, 'content-type': 'application/json', 'user-agent': 'Reqio-Webhooks/1.0' };
  try {
    const aborted = new Promise<never>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
    aborted.catch(() => {});
    const [target] = await Promise.race([options.guard.resolve(url.href), aborted]);
    if (options.fetch !== undefined) {
      const response = await options.fetch(url.href, { method: 'POST', headers, body: options.body, redirect: 'manual', signal });
      return finish({ statusCode: response.status, error: null, responseExcerpt: await readExcerpt(response) });
    }
    const { status, excerpt } = await postToAddress(url, target!, { headers, body: options.body, signal });
    return finish({ statusCode: status, error: null, responseExcerpt: excerpt });
  } catch (error) {
    if (error instanceof WebhookTargetRefusedError) return finish({ statusCode: null, error: error.reason, responseExcerpt: null });
    return finish({ statusCode: null, error: describeFailure(error, options.timeoutMs), responseExcerpt: null });
  }
}
