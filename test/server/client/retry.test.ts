import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ReqioApiError, ReqioClient, ReqioNetworkError, ReqioRateLimitedError } from '@reqio/server/client';
import { parseRetryAfter } from '../../../server/src/client/parse-retry-after.js';
import { listen } from '../../helpers/listen.js';

// Our API never answers 429 on the admin routes and 503 only when the store is down, so the
// retry behaviour is driven by a scripted stand-in; everything else runs against the real app.

type Answer = { status: number; headers?: Record<string, string>; body?: unknown };

interface Call {
  method: string;
  url: string;
  body: string;
  at: number;
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** A server answering the scripted answers in order (the last one from then on). */
async function scripted(answers: Answer[]): Promise<{ client: (options?: Partial<ConstructorParameters<typeof ReqioClient>[0]>) => ReqioClient; calls: Call[] }> {
  const calls: Call[] = [];
  const server = await listen(async (request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    calls.push({ method: request.method!, url: request.url!, body, at: Date.now() });
    const answer = answers[Math.min(calls.length, answers.length) - 1]!;
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
    response.writeHead(answer.status, { 'content-type': typeof answer.body === 'string' ? 'text/html' : 'application/json', ...answer.headers }).end(text);
  });
  close = async () => {
    server.server.closeAllConnections();
    await server.close();
  };
  return { client: (options = {}) => new ReqioClient({ baseUrl: server.url, apiKey: 'rq_ak_test', projectId: 'prj_1', ...options }), calls };
}

const limited = (retryAfter: number): Answer => ({
  status: 429,
  headers: { 'retry-after': String(retryAfter) },
  body: { error: { code: 'rate_limited', message: `Too many requests; retry in ${retryAfter} s.`, retryAfter } },
});
const ok: Answer = { status: 200, body: { requests: [] } };

describe('ReqioClient retries', () => {
  it('retries a 429 as Retry-After says, then returns the answer', async () => {
    const { client, calls } = await scripted([limited(0), limited(1), ok]);
    await expect(client().requests.list()).resolves.toEqual([]);
    expect(calls).toHaveLength(3);
    expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(950); // waited the second it was told to
  });

  it('retries a 503 with backoff when there is no Retry-After, sending the same request again', async () => {
    const { client, calls } = await scripted([{ status: 503, body: '<html>Service Unavailable</html>' }, { status: 200, body: { request: { id: 'req_1', status: 'done' } } }]);
    await expect(client().requests.setStatus('req_1', 'done')).resolves.toEqual({ id: 'req_1', status: 'done' });
    expect(calls.map(({ method, url, body }) => ({ method, url, body }))).toEqual([
      { method: 'PATCH', url: '/v1/admin/projects/prj_1/requests/req_1', body: '{"status":"done"}' },
      { method: 'PATCH', url: '/v1/admin/projects/prj_1/requests/req_1', body: '{"status":"done"}' },
    ]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(240); // 0.5 s × a jitter of 0.5–1
  });

  it('gives up after maxRetries with rate_limited and its retryAfter', async () => {
    const { client, calls } = await scripted([limited(0)]);
    const error = await client().requests.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReqioRateLimitedError);
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfter: 0, message: 'Too many requests; retry in 0 s.' });
    expect(calls).toHaveLength(3); // the call and 2 retries
  });

  it('does not wait longer than maxRetryDelayMs: a long Retry-After comes back at once', async () => {
    const { client, calls } = await scripted([limited(120)]);
    const started = Date.now();
    const error = await client({ maxRetryDelayMs: 5000 }).requests.list().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ReqioRateLimitedError', retryAfter: 120 });
    expect(calls).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('does not retry with maxRetries 0, nor any other failure', async () => {
    const limitedOnce = await scripted([limited(0), ok]);
    await expect(limitedOnce.client({ maxRetries: 0 }).requests.list()).rejects.toBeInstanceOf(ReqioRateLimitedError);
    expect(limitedOnce.calls).toHaveLength(1);
    await close!();

    const broken = await scripted([{ status: 500, body: { error: { code: 'internal_error', message: 'Something went wrong on our side; it has been logged.' } } }, ok]);
    const error = await broken.client().requests.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReqioApiError);
    expect(error).toMatchObject({ code: 'internal_error', status: 500 });
    expect(broken.calls).toHaveLength(1);
  });

  it('reports a 503 that never ends, without a Reqio body, as unexpected_response', async () => {
    const { client, calls } = await scripted([{ status: 503, headers: { 'retry-after': '0' }, body: '<html>Service Unavailable</html>' }]);
    const error = await client().users.list().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ReqioApiError', code: 'unexpected_response', status: 503, message: 'The API answered HTTP 503 without a Reqio error body.' });
    expect(calls).toHaveLength(3);
  });

  it('gives up on a call that takes longer than timeoutMs with timeout', async () => {
    const server = await listen(() => {}); // never answers
    close = async () => {
      server.server.closeAllConnections();
      await server.close();
    };
    const error = await new ReqioClient({ baseUrl: server.url, apiKey: 'rq_ak_test', projectId: 'prj_1', timeoutMs: 200 }).requests.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReqioNetworkError);
    expect(error).toMatchObject({ code: 'timeout', message: `No answer from ${server.url} within 200 ms.` });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and ignores junk', () => {
    const now = Date.parse('2026-11-22T12:00:00Z');
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 7 ', now)).toBe(7000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 11:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
