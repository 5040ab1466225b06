import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { spawnService } from '../../helpers/spawn-service.js';

describe('no audience trap: the CLI uses the PUBLIC_URL the service last started with', () => {
  it('prints the audience the service checks, and says so when a given PUBLIC_URL disagrees', { timeout: 180_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'reqio-public-url-'));
    // The service on a non-default port, as in the issue: PUBLIC_URL http://127.0.0.1:<port>.
    const service = await spawnService({ REQIO_DATA_DIR: dataDir }, ['--no-demo']);
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);

    const remembered = await runCli(['project', 'create', '--name', 'Acme', '--json'], { env: { REQIO_DATA_DIR: dataDir, PUBLIC_URL: undefined, PORT: undefined } });
    expect(remembered.status).toBe(0);
    const project = JSON.parse(remembered.stdout) as { id: string; audience: string };
    expect(project.audience).toBe(`${service.url}/p/${project.id}`);
    expect(remembered.stderr).toBe(
      `reqio project create: using PUBLIC_URL ${service.url}, the one the service last started with (set PUBLIC_URL or --public-url to choose another).\n`,
    );

    const disagreeing = await runCli(['project', 'create', '--name', 'Beta', '--json', '--public-url', 'http://localhost:3000'], { env: { REQIO_DATA_DIR: dataDir } });
    expect(disagreeing.status).toBe(0);
    const beta = JSON.parse(disagreeing.stdout) as { id: string; audience: string };
    expect(beta.audience).toBe(`http://localhost:3000/p/${beta.id}`);
    expect(disagreeing.stderr).toContain(`warning: the service last started with PUBLIC_URL ${service.url} and checks the audience ${service.url}/p/<projectId>, but this command uses http://localhost:3000.`);
    expect(disagreeing.stderr).toContain('audience_mismatch');

    // A start with another PUBLIC_URL says that every audience changed.
    const moved = await spawnService({ REQIO_DATA_DIR: dataDir }, ['--no-demo']);
    try {
      expect(moved.output()).toContain(`reqio start: warning: PUBLIC_URL changed from ${service.url} to ${moved.url}.`);
    } finally {
      moved.child.kill('SIGTERM');
      await moved.exited;
    }
  });
});
