import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnService, type SpawnedService } from '../../helpers/spawn-service.js';
import { createTestSchema } from '../../helpers/test-database.js';

async function untilOutput(service: SpawnedService, text: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!service.output().includes(text)) {
    if (Date.now() > deadline) throw new Error(`"${text}" was not printed; got: ${service.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stop(service: SpawnedService): Promise<void> {
  service.child.kill('SIGTERM');
  await service.exited;
}

// Issue 13, findings 8, 10 and 11.
describe('reqio start', () => {
  it('prints the one-time link and the demo API key on standard error, never among the JSON logs on standard output', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'reqio-start-'));
    const service = await spawnService({ REQIO_DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    try {
      await untilOutput(service, 'Press Ctrl+C to stop.');
      await fetch(`${service.url}/healthz`);
      expect(service.stderr()).toMatch(/\/dashboard\/setup#token=/);
      expect(service.stderr()).toMatch(/API key {5}rq_ak_/);
      expect(service.stdout()).not.toContain('#token=');
      expect(service.stdout()).not.toContain('rq_ak_');
      expect(service.stdout()).not.toContain('Press Ctrl+C');
      for (const line of service.stdout().split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
    } finally {
      await stop(service);
    }
  });

  describe.runIf(process.env.TEST_DATABASE_URL)('with DATABASE_URL', () => {
    const masterKey = randomBytes(32).toString('base64');

    it('starts in a directory without .reqio, writes nothing there, and has no demo unless --demo', async () => {
      const schema = await createTestSchema();
      const cwd = mkdtempSync(path.join(tmpdir(), 'reqio-prod-'));
      const env = { DATABASE_URL: schema.databaseUrl, REQIO_MASTER_KEY: masterKey };
      try {
        const plain = await spawnService(env, [], { cwd });
        try {
          await untilOutput(plain, 'Press Ctrl+C to stop.');
          expect((await fetch(`${plain.url}/demo/spa`)).status).toBe(404);
          expect(plain.output()).not.toContain('Demo project');
        } finally {
          await stop(plain);
        }
        expect(readdirSync(cwd)).toEqual([]);

        const demo = await spawnService(env, ['--demo'], { cwd });
        try {
          await untilOutput(demo, 'Press Ctrl+C to stop.');
          expect((await fetch(`${demo.url}/demo/spa`)).status).toBe(200);
          expect(demo.stderr()).toMatch(/Demo project {2}prj_/);
          expect(demo.stdout()).not.toContain('rq_ak_');
        } finally {
          await stop(demo);
        }
        expect(readdirSync(cwd)).toEqual([]);
        expect(existsSync(path.join(cwd, '.reqio'))).toBe(false);
      } finally {
        await schema.drop();
      }
    });
  });
});
