import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The service's Prometheus metrics, in a registry of its own. */
export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  identifyResults: Counter<'result'>;
}

/** Creates the metrics; the process's default metrics only where `collectDefaults` (one per process). */
export function createMetrics(options: { collectDefaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.collectDefaults) collectDefaultMetrics({ register: registry, prefix: 'reqio_' });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'reqio_http_request_duration_seconds',
      help: 'HTTP request duration by route pattern',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    identifyResults: new Counter({
      name: 'reqio_identify_total',
      help: 'Identify calls by result: ok, or the refusal code',
      labelNames: ['result'],
      registers: [registry],
    }),
  };
}

/** Times every request under its route pattern (never the raw URL: ids would explode the label set). */
export function measureRequests(metrics: Metrics) {
  return function measureRequest(request: Request, response: Response, next: NextFunction): void {
    const end = metrics.httpDuration.startTimer();
    response.on('finish', () => {
      const route = (response.locals.routePattern as string | undefined) ?? (request.route ? String(request.route.path) : 'unmatched');
      end({ method: request.method, route, status: String(response.statusCode) });
    });
    next();
  };
}
