import path from 'node:path';
import { ConfigError } from './config-error.js';

/** Rate limits: points per window, per IP and per project. */
export interface RateLimitConfig {
  windowSeconds: number;
  identifyPerIp: number;
  identifyPerProject: number;
  writesPerIp: number;
  writesPerProject: number;
}

/** The service's configuration, read and checked once at start-up (CONTRACT §5). */
export interface Config {
  port: number;
  /** Interface to listen on; undefined means all. */
  host: string | undefined;
  /** The public base URL, no trailing slash; audiences are `${publicUrl}/p/${projectId}`. */
  publicUrl: string;
  /** Where `publicUrl` came from: a CLI command given neither uses the one the service last started with. */
  publicUrlSource: 'flag' | 'env' | 'default';
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** The master key from `REQIO_MASTER_KEY`, if set; embedded mode generates one otherwise. */
  masterKey: Buffer | undefined;
  logLevel: string;
  /** `json` lines for machines (the default), or `pretty` for people (`LOG_FORMAT=pretty`). */
  logFormat: 'json' | 'pretty';
  /** Lifetime of an identified widget session. */
  sessionTtlSeconds: number;
  /** Lifetime of an anonymous widget session. */
  anonymousSessionTtlSeconds: number;
  rateLimits: RateLimitConfig;
  /** Express's `trust proxy`, so per-IP limits see the client behind a proxy. */
  trustProxy: boolean | number | string;
  /** `REQIO_WEBHOOK_ALLOW_PRIVATE=true`: webhooks may target loopback, private, link-local and unique-local addresses. */
  webhookAllowPrivate: boolean;
}

/** Command-line flags that override the environment. */
export interface ConfigFlags {
  port?: string | undefined;
  host?: string | undefined;
  publicUrl?: string | undefined;
  dataDir?: string | undefined;
  databaseUrl?: string | undefined;
  redisUrl?: string | undefined;
}

function parseInteger(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (it is "${value}").`);
  }
  return number;
}

/** Parses a 32-byte key given as base64, base64url or 64 hex characters. */
export function parseMasterKey(value: string, source: string): Buffer {
  const trimmed = value.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new ConfigError(`${source} must be 32 random bytes, base64 or hex encoded (generate one with: openssl rand -base64 32).`);
  }
  return key;
}

function parseBoolean(name: string, value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw new ConfigError(`${name} must be true or false (it is "${value}").`);
}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/**
 * Reads the configuration from the environment and flags (flags win) and checks it,
 * failing with a sentence that says what is missing. Nothing else reads `process.env`.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, flags: ConfigFlags = {}): Config {
  const port = parseInteger('PORT', flags.port ?? env.PORT, 3000, 0, 65535);
  const publicUrlRaw = flags.publicUrl ?? env.PUBLIC_URL ?? `http://localhost:${port}`;
  let publicUrl: string;
  try {
    const url = new URL(publicUrlRaw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    publicUrl = url.href.replace(/\/+$/, '');
  } catch {
    throw new ConfigError(`PUBLIC_URL must be an http(s) URL such as https://feedback.example.com (it is "${publicUrlRaw}").`);
  }
  const databaseUrl = flags.databaseUrl ?? (env.DATABASE_URL || undefined);
  const masterKey = env.REQIO_MASTER_KEY ? parseMasterKey(env.REQIO_MASTER_KEY, 'REQIO_MASTER_KEY') : undefined;
  if (databaseUrl !== undefined && masterKey === undefined) {
    throw new ConfigError(
      'REQIO_MASTER_KEY is required with DATABASE_URL: every instance must share it to read the encrypted project secrets (generate one with: openssl rand -base64 32).',
    );
  }
  const logFormat = env.LOG_FORMAT || 'json';
  if (logFormat !== 'json' && logFormat !== 'pretty') throw new ConfigError(`LOG_FORMAT must be json or pretty (it is "${logFormat}").`);
  const windowSeconds = parseInteger('REQIO_RATE_LIMIT_WINDOW', env.REQIO_RATE_LIMIT_WINDOW, 60, 1, 3600);
  return {
    port,
    host: flags.host ?? (env.HOST || undefined),
    publicUrl,
    publicUrlSource: flags.publicUrl !== undefined ? 'flag' : env.PUBLIC_URL !== undefined ? 'env' : 'default',
    dataDir: path.resolve(flags.dataDir ?? env.REQIO_DATA_DIR ?? './.reqio'),
    databaseUrl,
    redisUrl: flags.redisUrl ?? (env.REDIS_URL || undefined),
    masterKey,
    logLevel: env.LOG_LEVEL ?? 'info',
    logFormat,
    sessionTtlSeconds: parseInteger('REQIO_SESSION_TTL', env.REQIO_SESSION_TTL, 3600, 1, 30 * 24 * 3600),
    anonymousSessionTtlSeconds: parseInteger('REQIO_ANONYMOUS_SESSION_TTL', env.REQIO_ANONYMOUS_SESSION_TTL, 7 * 24 * 3600, 1, 365 * 24 * 3600),
    rateLimits: {
      windowSeconds,
      identifyPerIp: parseInteger('REQIO_RATE_LIMIT_IDENTIFY_PER_IP', env.REQIO_RATE_LIMIT_IDENTIFY_PER_IP, 60, 1, 1e9),
      identifyPerProject: parseInteger('REQIO_RATE_LIMIT_IDENTIFY_PER_PROJECT', env.REQIO_RATE_LIMIT_IDENTIFY_PER_PROJECT, 6000, 1, 1e9),
      writesPerIp: parseInteger('REQIO_RATE_LIMIT_WRITES_PER_IP', env.REQIO_RATE_LIMIT_WRITES_PER_IP, 120, 1, 1e9),
      writesPerProject: parseInteger('REQIO_RATE_LIMIT_WRITES_PER_PROJECT', env.REQIO_RATE_LIMIT_WRITES_PER_PROJECT, 12000, 1, 1e9),
    },
    trustProxy: parseTrustProxy(env.REQIO_TRUST_PROXY),
    webhookAllowPrivate: parseBoolean('REQIO_WEBHOOK_ALLOW_PRIVATE', env.REQIO_WEBHOOK_ALLOW_PRIVATE),
  };
}

/** The audience a project's tokens must carry: `${PUBLIC_URL}/p/${projectId}`. */
export function projectAudience(publicUrl: string, projectId: string): string {
  return `${publicUrl}/p/${projectId}`;
}

