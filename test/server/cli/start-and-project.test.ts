import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mintIdentityToken } from '@reqio/server/mint';
import { runCli } from '../../helpers/run-cli.js';
import { spawnService } from '../../helpers/spawn-service.js';

describe('reqio project create and reqio start', () => {
  it('creates a project, then serves it; a second process is refused while the store is in use', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'reqio-cli-'));
    const created = await runCli(['project', 'create', '--name', 'Acme', '--origin', 'https://app.acme.example/', '--json'], {
      env: { REQIO_DATA_DIR: dataDir, PUBLIC_URL: 'http://127.0.0.1:1' },
    });
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    const project = JSON.parse(created.stdout) as { id: string; audience: string; secret: string; apiKey: string };
    expect(Object.keys(project).sort()).toEqual(['apiKey', 'audience', 'id', 'secret']);
    expect(project.secret).toMatch(/^rq_sk_[A-Za-z0-9_-]{43}$/);
    expect(project.apiKey).toMatch(/^rq_ak_/);
    expect(project.audience).toBe(`http://127.0.0.1:1/p/${project.id}`);
    expect(statSync(path.join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
    // The secret is stored encrypted: it is nowhere in the data directory in the clear.
    expect(readFileSync(path.join(dataDir, 'master.key'), 'utf8')).not.toContain(project.secret);

    const service = await spawnService({ REQIO_DATA_DIR: dataDir });
    try {
      expect(service.output()).toContain(`Widget      ${service.url}/widget.js`);
      expect(service.output()).toMatch(/Demo project {2}prj_/);
      const demo = JSON.parse(readFileSync(path.join(dataDir, 'demo.json'), 'utf8'));
      expect(statSync(path.join(dataDir, 'demo.json')).mode & 0o777).toBe(0o600);
      expect(service.output()).toContain(demo.apiKey);

      const token = await mintIdentityToken({ sub: 'cli-user' }, { secret: project.secret, audience: `${service.url}/p/${project.id}` });
      const identify = await fetch(`${service.url}/v1/projects/${project.id}/identify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://app.acme.example' },
        body: JSON.stringify({ token }),
      });
      expect(identify.status).toBe(200);
      expect(identify.headers.get('access-control-allow-origin')).toBe('https://app.acme.example');

      const refused = await runCli(['project', 'create', '--name', 'Second', '--json'], { env: { REQIO_DATA_DIR: dataDir } });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`is in use by process ${service.child.pid}`);
      expect(refused.stderr).toContain('Nothing was changed');
      expect(refused.stdout).toBe('');

      service.child.kill('SIGTERM');
      expect(await service.exited).toBe(0);
      expect(service.output()).toContain('SIGTERM: finishing in-flight requests and closing the store');
    } finally {
      service.child.kill('SIGKILL');
    }

    // After a clean stop the store is free, and the demo project is not made twice.
    const again = await spawnService({ REQIO_DATA_DIR: dataDir });
    try {
      expect(again.output()).toContain('API key     in ');
    } finally {
      // Stopped the moment it is healthy, while it may still be printing: still a clean shutdown.
      again.child.kill('SIGTERM');
      expect(await again.exited).toBe(0);
    }
  }, 120_000);

  it.each([
    [{ DATABASE_URL: 'postgres://127.0.0.1:5432/test' }, 'REQIO_MASTER_KEY is required with DATABASE_URL'],
    [{ PORT: 'x' }, 'PORT must be a whole number'],
  ])('refuses to start with %o, saying what to change', async (env, message) => {
    const run = await runCli(['start'], { env: { REQIO_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'reqio-cli-')), ...env } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(message);
  });

  it('refuses a project with a bad origin, changing nothing', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'reqio-cli-'));
    const run = await runCli(['project', 'create', '--name', 'Bad', '--origin', 'not a url'], { env: { REQIO_DATA_DIR: dataDir } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('allowedOrigins.0 must be an http(s) origin');
    expect(existsSync(path.join(dataDir, 'pgdata'))).toBe(false);
  });
});
