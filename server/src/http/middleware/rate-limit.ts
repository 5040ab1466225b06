import type { NextFunction, Request, Response } from 'express';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimitConfig } from '../../config/load-config.js';
import { RateLimitedError } from '../../errors/rate-limited-error.js';

/** The limiters: identify (and anonymous sessions) and writes, each per IP and per project. */
export interface RateLimits {
  identify: { perIp: RateLimiterAbstract; perProject: RateLimiterAbstract };
  writes: { perIp: RateLimiterAbstract; perProject: RateLimiterAbstract };
  /** Makes another limiter in the same place (Redis when set, with the memory stand-in): `points` per `durationSeconds`. */
  create(name: string, points: number, durationSeconds: number): RateLimiterAbstract;
}

/**
 * Creates the limiters on Redis when a client is given (limits then hold across
 * instances), in memory otherwise. With Redis, a memory limiter stands in while Redis is
 * unreachable, so an outage degrades to per-instance limits rather than none or an error.
 */
export function createRateLimits(config: RateLimitConfig, options: { redis?: Redis | undefined; keyPrefix?: string } = {}): RateLimits {
  const prefix = options.keyPrefix ?? 'reqio:rl';
  const make = (name: string, points: number, duration = config.windowSeconds): RateLimiterAbstract => {
    const settings = { keyPrefix: `${prefix}:${name}`, points, duration };
    if (options.redis === undefined) return new RateLimiterMemory(settings);
    return new RateLimiterRedis({ ...settings, storeClient: options.redis, insuranceLimiter: new RateLimiterMemory(settings) });
  };
  return {
    identify: { perIp: make('identify:ip', config.identifyPerIp), perProject: make('identify:project', config.identifyPerProject) },
    writes: { perIp: make('writes:ip', config.writesPerIp), perProject: make('writes:project', config.writesPerProject) },
    create: make,
  };
}

/** Middleware spending one point per IP and per project; 429 `rate_limited` with `Retry-After` when out. */
export function rateLimit(limiters: { perIp: RateLimiterAbstract; perProject: RateLimiterAbstract }) {
  return async function limitRate(request: Request, _response: Response, next: NextFunction): Promise<void> {
    const projectId = String(request.params.projectId ?? '');
    try {
      await Promise.all([limiters.perIp.consume(request.ip ?? 'unknown'), limiters.perProject.consume(projectId)]);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw new RateLimitedError(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
      throw error;
    }
    next();
  };
}
