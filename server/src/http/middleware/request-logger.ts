import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/**
 * One log line per request (health checks that pass at debug level only). Headers that carry credentials are redacted and bodies are
 * never logged, so no identity token, session, API key or secret reaches a log line.
 */
export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (request, response) => {
      const id = randomUUID();
      response.setHeader('x-request-id', id);
      return id;
    },
    serializers: {
      req: (request: { id: string; method: string; url: string; headers: Record<string, string | undefined> }) => ({
        id: request.id,
        method: request.method,
        // The path only: a query string could carry something a client should not have put there.
        url: request.url.split('?')[0],
        origin: request.headers.origin,
      }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
    customLogLevel: (request, response, error) =>
      error || response.statusCode >= 500
        ? 'error'
        : response.statusCode >= 400
          ? 'warn'
          : // A load balancer's health checks every few seconds would drown the log at info.
            request.url?.split('?')[0] === '/healthz'
            ? 'debug'
            : 'info',
  });
}
