import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../server/src/config/config-error.js';
import { loadConfig } from '../../../server/src/config/load-config.js';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, publicUrl: 'http://localhost:3000', databaseUrl: undefined, redisUrl: undefined, masterKey: undefined });
    expect(config.dataDir.endsWith('.reqio')).toBe(true);
  });

  it('derives PUBLIC_URL from PORT and strips a trailing slash; flags win over the environment', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://feedback.example.com/' }).publicUrl).toBe('https://feedback.example.com');
    expect(loadConfig({ PORT: '8080' }, { port: '9090' }).port).toBe(9090);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a whole number'],
    [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL must be an http(s) URL'],
    [{ DATABASE_URL: 'postgres://x/y' }, 'REQIO_MASTER_KEY is required with DATABASE_URL'],
    [{ REQIO_MASTER_KEY: 'short' }, 'REQIO_MASTER_KEY must be 32 random bytes'],
  ])('refuses %o with a sentence', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads SMTP_URL and MAIL_FROM; without SMTP_URL no email is sent; a bad SMTP_URL never echoes its password', () => {
    expect(loadConfig({}).mail).toBeUndefined();
    expect(loadConfig({ SMTP_URL: 'smtp://user:pw@mail.example.com:587', PUBLIC_URL: 'https://feedback.acme.com' }).mail).toEqual({
      smtpUrl: 'smtp://user:pw@mail.example.com:587',
      from: 'Reqio <reqio@feedback.acme.com>',
      leaseSeconds: 120,
    });
    expect(loadConfig({ SMTP_URL: 'smtps://mail.example.com', MAIL_FROM: 'Acme <hello@acme.com>', REQIO_MAIL_LEASE_SECONDS: '30' }).mail).toMatchObject({ from: 'Acme <hello@acme.com>', leaseSeconds: 30 });
    for (const env of [{ SMTP_URL: 'http://user:hunter2@mail.example.com' }, { SMTP_URL: 'not a url hunter2' }, { SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: 'nobody' }]) {
      let error: unknown;
      try {
        loadConfig(env);
      } catch (caught) {
        error = caught;
      }
      expect(error, JSON.stringify(env)).toBeInstanceOf(ConfigError);
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it('accepts a master key in base64 or hex', () => {
    const hex = 'ab'.repeat(32);
    expect(loadConfig({ REQIO_MASTER_KEY: hex }).masterKey?.toString('hex')).toBe(hex);
    expect(loadConfig({ REQIO_MASTER_KEY: Buffer.from(hex, 'hex').toString('base64') }).masterKey?.toString('hex')).toBe(hex);
  });
});
