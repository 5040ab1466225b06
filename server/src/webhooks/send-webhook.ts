import type { WebhookHeaders } from './sign-webhook-payload.js';

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
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  const text = new TextDecoder().decode(bytes.subarray(0, EXCERPT_BYTES)).slice(0, EXCERPT_CHARACTERS);
  return text === '' ? null : text;
}

/** A short reason without the URL (its path or query may itself be a credential, as with chat webhooks). */
function describeFailure(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `timeout after ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message.slice(0, 200);
  return 'request failed';
}

/**
 * POSTs one signed delivery with a bounded timeout. Redirects are not followed (a 3xx is a
 * failure, as in the Standard Webhooks guidance), and at most a short excerpt of the answer
 * is read. Never throws.
 */
export async function sendWebhook(options: {
  url: string;
  headers: WebhookHeaders;
  body: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}): Promise<SendResult> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const finish = (result: Pick<SendResult, 'statusCode' | 'error' | 'responseExcerpt'>): SendResult => ({
    startedAt,
    durationMs: Math.round(performance.now() - started),
    ...result,
  });
  const protocol = URL.canParse(options.url) ? new URL(options.url).protocol : '';
  if (protocol !== 'http:' && protocol !== 'https:') return finish({ statusCode: null, error: 'only http and https URLs are delivered to', responseExcerpt: null });
  try {
    const response = await (options.fetch ?? fetch)(options.url, {
      method: 'POST',
      headers: { ...options.headers, 'content-type': 'application/json', 'user-agent': 'Reqio-Webhooks/1.0' },
      body: options.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    return finish({ statusCode: response.status, error: null, responseExcerpt: await readExcerpt(response) });
  } catch (error) {
    return finish({ statusCode: null, error: describeFailure(error, options.timeoutMs), responseExcerpt: null });
  }
}
